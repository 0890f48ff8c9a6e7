Attribute VB_Name = "BcmKnoppen"
' Buttons of the BIA workbook (sheet Instructies / Instructions).
' Each button runs Python through the standard xlwings add-in (xlwings.xlam):
' Application.Run calls the add-in's RunPython without a VBA reference, so the
' workbook carries no copy of the xlwings VBA code. Source of truth: this file;
' bcm-excel builds the workbook's VBA project from it (macros/*.bas).
Option Explicit

Private Const XLWINGS_RUNPYTHON As String = "xlwings.xlam!RunPython"

Public Sub SamenvattingVernieuwen()
    ' Writes the summary sheet (Samenvatting / Summary) from the filled-in steps.
    Application.Run XLWINGS_RUNPYTHON, "import bcm_excel.buttons; bcm_excel.buttons.regenerate_summary()"
End Sub

Public Sub Controleren()
    ' Checks the workbook and lists every finding on the sheet Controle / Check.
    Application.Run XLWINGS_RUNPYTHON, "import bcm_excel.buttons; bcm_excel.buttons.check()"
End Sub
