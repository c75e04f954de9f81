"""A Wi-Fi point list as the team receives it: its own headers, village names written every which way."""
HEADERS = ["No", "ID Titik", "Nama Lokasi", "Kategori", "Kecamatan", "Desa", "Lintang", "Bujur", "Kapasitas (Mbps)",
           "Tanggal Pasang", "Status"]
# Each Dauhwaru row near the kelurahan's centre (-8.25780, 114.69232); Buahan near Payangan's (-8.40, 115.23).
ROWS = [
    ["1", "dw-1", "Kantor Lurah Dauhwaru", "Kantor Pemerintah", "Kec. Jembrana", "Ds. Dauh Waru", "-8.2578", "114.6923",
     "20", "2024-01-05", "Aktif"],
    ["2", "dw-2", "Balai Banjar", "public_area", "Jembrana", "Desa Dauhwaru", "-8.2579", "114.6924", "20",
     "05/01/2024", "active"],
    ["3", "dw-3", "SD 1", "Sekolah", "KECAMATAN JEMBRANA", "DAUH WARU", "-8.2577", "114.6922", "50", "2024-01-05",
     "aktif"],
    ["4", "dw-4", "Pasar", "public_area", "", "Kel. Dauh Waru", "-8,2578", "114,6925", "20", "2024-01-05", "Mati"],
    ["5", "bh-1", "Wantilan Buahan", "desa_adat", "Kec. Payangan", "Buahan", "-8.4001", "115.2301", "10",
     "2024-02-01", "active"],
    ["6", "pos-1", "Taman", "public_area", "", "", "-8.54792", "115.19149", "10", "2024-02-01", "active"],
]
