Attribute VB_Name = "Tombol"
Option Explicit
' Tombol (buttons) of the xlpokja workbooks. No logic here: each button makes one
' RunPython call; the action lives in the Python package xlpokja (xlpokja/excel.py).
' Needs the xlwings add-in and, in the VBA editor, Tools > References > xlwings.

Sub Hitung()
    RunPython "import xlpokja.excel as x; x.hitung()"
End Sub

Sub KunciBobot()
    RunPython "import xlpokja.excel as x; x.kunci_bobot()"
End Sub

Sub BukaKunci()
    RunPython "import xlpokja.excel as x; x.buka_kunci()"
End Sub

Sub PutaranSeri()
    RunPython "import xlpokja.excel as x; x.putaran_seri()"
End Sub
