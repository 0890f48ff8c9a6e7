"""VBA sources of the workbook buttons, one module per ``.bas`` file; shipped as ``bcm_excel.macros``."""
