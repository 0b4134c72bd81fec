Attribute VB_Name = "Tombol"
' Tombol (buttons) of the xlpokja workbooks. No logic here: each button makes one call.
' * Excel: RunPython (the xlwings add-in; in the VBA editor, Tools > References > xlwings);
'   the action lives in the Python package xlpokja (xlpokja/excel.py).
' * LibreOffice Calc: RunPython does not exist there; the same action runs as the Python
'   script of the xlpokja extension (xlpokja.oxt, LibreOffice's own Python), called with
'   this document.
' No Option Explicit on purpose: ThisComponent exists only in LibreOffice; in Excel it is an
' undeclared, empty Variant, so DiLibreOffice is False and the LibreOffice lines never run.

Sub Hitung()
    If DiLibreOffice() Then
        JalankanLO "hitung"
    Else
        RunPython "import xlpokja.excel as x; x.hitung()"
    End If
End Sub

Sub KunciBobot()
    If DiLibreOffice() Then
        JalankanLO "kunci_bobot"
    Else
        RunPython "import xlpokja.excel as x; x.kunci_bobot()"
    End If
End Sub

Sub BukaKunci()
    If DiLibreOffice() Then
        JalankanLO "buka_kunci"
    Else
        RunPython "import xlpokja.excel as x; x.buka_kunci()"
    End If
End Sub

Sub PutaranSeri()
    If DiLibreOffice() Then
        JalankanLO "putaran_seri"
    Else
        RunPython "import xlpokja.excel as x; x.putaran_seri()"
    End If
End Sub

' Gabung: pick the folder holding the filled forms and survey exports, then merge them into
' this workbook's Jawaban (xlpokja/merge). The folder is passed as a Python string literal.
Sub Gabung()
    If DiLibreOffice() Then
        JalankanLO "gabung"
        Exit Sub
    End If
    Dim folder As String
    With Application.FileDialog(4)
        .Title = "Gabung: pilih folder berisi formulir dan ekspor jawaban"
        .AllowMultiSelect = False
        If .Show <> -1 Then Exit Sub
        folder = .SelectedItems(1)
    End With
    folder = Replace(Replace(folder, "\", "\\"), "'", "\'")
    RunPython "import xlpokja.excel as x; x.gabung('" & folder & "')"
End Sub

Private Function DiLibreOffice() As Boolean
    On Error Resume Next
    DiLibreOffice = IsObject(ThisComponent)
End Function

' The Python script of the extension (installed for this user, or for all users), given
' this document. The script shows its own dialog; this shows one only when the extension
' is missing or could not run.
Private Sub JalankanLO(nama As String)
    Dim penyedia As Object, skrip As Object, lokasi As Variant, hasil As Variant
    Dim indeks As Variant, keluaran As Variant
    Set skrip = Nothing
    On Error Resume Next
    Set penyedia = ThisComponent.getScriptProvider()
    For Each lokasi In Array("user", "share")
        Err.Clear
        Set skrip = penyedia.getScript("vnd.sun.star.script:xlpokja.oxt|python|" & _
            "xlpokja_lo.py$" & nama & "?language=Python&location=" & lokasi & ":uno_packages")
        If Err.Number = 0 And Not (skrip Is Nothing) Then Exit For
        Set skrip = Nothing
    Next
    On Error GoTo Gagal
    If skrip Is Nothing Then
        MsgBox "Ekstensi xlpokja untuk LibreOffice belum terpasang." & Chr(10) & _
            "Pasang berkas xlpokja.oxt lewat Alat > Pengelola Ekstensi (Tools > " & _
            "Extension Manager) > Tambah, mulai ulang LibreOffice, lalu tekan tombol ini lagi.", _
            48, "xlpokja"
        Exit Sub
    End If
    hasil = skrip.invoke(Array(ThisComponent), indeks, keluaran)
    Exit Sub
Gagal:
    MsgBox "Ekstensi xlpokja tidak dapat dijalankan: " & Err.Description & Chr(10) & _
        "Periksa versi ekstensi (Alat > Pengelola Ekstensi) dan pasang ulang xlpokja.oxt.", _
        16, "xlpokja"
End Sub
