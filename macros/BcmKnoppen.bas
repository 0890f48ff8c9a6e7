Attribute VB_Name = "BcmKnoppen"
' Buttons of the BIA workbook (sheet Instructies / Instructions).
' Each button runs one function of bcm_excel.buttons through xlwings' RunPython:
' - a workbook made with --engine xlwings carries xlwings' own VBA (module "xlwings",
'   taken from the installed xlwings when the workbook was written) and calls it;
' - any other .xlsm calls the standard add-in by name (Application.Run, no VBA
'   reference), so its project also compiles on a PC without the add-in.
' bcm-excel sets OWN_XLWINGS when it writes the workbook. Source of truth: this file
' (macros/BcmKnoppen.bas); plain ASCII, as VBA stores it in code page 1252.
Option Explicit

#Const OWN_XLWINGS = False

Public Sub SamenvattingVernieuwen()
    ' Writes the summary sheet (Samenvatting / Summary) from the filled-in steps.
    RunBcm "import bcm_excel.buttons; bcm_excel.buttons.regenerate_summary()"
End Sub

Public Sub Controleren()
    ' Checks the workbook and lists every finding on the sheet Controle / Check.
    RunBcm "import bcm_excel.buttons; bcm_excel.buttons.check()"
End Sub

Public Sub Consolideren()
    ' The coordinator's workbook: consolidates the departments' workbooks of the folder named on its
    ' first sheet into its own sheets (Overzicht, Processen, ...).
    RunBcm "import bcm_excel.buttons; bcm_excel.buttons.consolidate()"
End Sub

Private Sub RunBcm(ByVal pythonCode As String)
    ' Errors of the Python code are shown by xlwings itself; this trap catches what stops
    ' VBA before Python runs, chiefly error 1004 "Cannot run the macro 'xlwings.xlam!RunPython'"
    ' when the add-in is not installed.
    Dim why As String
    On Error GoTo NoPython
    #If OWN_XLWINGS Then
        RunPython pythonCode
    #Else
        Application.Run "xlwings.xlam!RunPython", pythonCode
    #End If
    Exit Sub
NoPython:
    why = Err.Number & ": " & Err.Description   ' read first: the On Error in NeedsText clears Err
    MsgBox NeedsText() & vbLf & vbLf & "(" & why & ")", vbExclamation, "bcm-excel"
End Sub

Private Function NeedsText() As String
    ' What to install, in the workbook's language (custom property bcm_excel_language; Dutch by default).
    ' "xlwings addin install" installs the add-in and points xlwings at this Python (on a Mac it also
    ' enables RunPython), which is all that a workbook with its own xlwings module needs as well.
    ' The last line covers what no install fixes: a policy that stops Excel from starting programs.
    Dim en As Boolean
    On Error Resume Next
    en = (ThisWorkbook.CustomDocumentProperties("bcm_excel_language").Value = "en")
    On Error GoTo 0
    If en Then
        NeedsText = "This button could not start Python. It needs Python with bcm-excel and the xlwings add-in." _
            & vbLf & "Once, in a terminal, in the bcm-excel folder:" & vbLf _
            & "    pip install -e "".[xlwings]""" & vbLf _
            & "    xlwings addin install" & vbLf _
            & "Then restart Excel." & vbLf _
            & "Already done? Then your organisation may stop Excel from starting Python: see the README, section xlwings."
    Else
        NeedsText = "Deze knop kon Python niet starten. Hij heeft Python met bcm-excel en de xlwings-invoegtoepassing nodig." _
            & vbLf & "Eenmalig, in een terminal (opdrachtprompt), in de map van bcm-excel:" & vbLf _
            & "    pip install -e "".[xlwings]""" & vbLf _
            & "    xlwings addin install" & vbLf _
            & "Start Excel daarna opnieuw." & vbLf _
            & "Is dat al gebeurd? Dan verhindert uw organisatie misschien dat Excel Python start: zie de README, deel xlwings."
    End If
End Function
