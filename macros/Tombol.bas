Attribute VB_Name = "Tombol"
Option Explicit
' Tombol (buttons) of the xlpokja workbooks. No logic here: each button makes one
' RunPython call; the action lives in the Python package xlpokja (xlpokja/excel.py).
' Needs the xlwings add-in and, in the VBA editor, Tools > References > xlwings.

Sub Hitung()
    RunPython "import xlpokja.excel as x; x.hitung()"
End Sub
