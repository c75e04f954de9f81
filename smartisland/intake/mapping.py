"""A file's own headers ("Nama Lokasi", "Lintang", "Kapasitas (Mbps)") mapped to the contract's columns.

`propose_mapping(headers, dataset_name)` proposes a target for every header with a confidence; the editor confirms
or changes it and saves it as a named profile (`save_profile`), reused for the next file from the same source
(`load_profile`, `apply_mapping`). Besides the contract's columns, a header may map to a region *name* column
(village_name, district_name, regency_name), which smartisland.intake.prepare resolves to the code column.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from smartisland.contract import Dataset, get_dataset
from smartisland.intake.region_names import MAPPINGS_DIR

NAME_COLUMNS = ("village_name", "district_name", "regency_name")
# The name column that gives a code of each level; a province code is never written as a name.
NAME_COLUMN_FOR_LEVEL = {"village": "village_name", "district": "district_name", "regency": "regency_name"}
# The name columns a file may give for a code of each level: its own, and the higher ones that tell namesakes apart.
NAMES_GIVING_LEVEL = {"village": NAME_COLUMNS, "district": NAME_COLUMNS[1:], "regency": NAME_COLUMNS[2:], "province": ()}
EXACT, NORMALISED, SYNONYM = 1.0, 0.95, 0.9
FUZZY_FLOOR = 0.85  # a fuzzy match below this difflib ratio is no proposal at all
FUZZY_WEIGHT = 0.85  # a fuzzy match ranks below every synonym: confidence = ratio * this
PROFILE_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

# Headers seen in Indonesian and English spreadsheets, in normalised form (see normalise_header), per target.
# A synonym may serve columns of different datasets (kode lokasi: point_id or site_id), never two of one dataset.
SYNONYMS: dict[str, tuple[str, ...]] = {
    # places
    "village_name": ("desa", "kelurahan", "desa kelurahan", "kelurahan desa", "desa kel", "kel desa", "nama desa",
                     "nama kelurahan", "nama desa kelurahan", "village", "village name", "desa adat kelurahan"),
    "district_name": ("kecamatan", "kec", "nama kecamatan", "district", "district name", "subdistrict"),
    "regency_name": ("kabupaten", "kab", "kota", "kab kota", "kabupaten kota", "nama kabupaten", "nama kabupaten kota",
                     "regency", "regency name", "city", "regency city"),
    "village_code": ("kode desa", "kode kelurahan", "kode desa kelurahan", "kode wilayah desa", "kode kemendagri",
                     "village code", "kode wilayah"),
    "region_code": ("kode wilayah", "kode", "region code", "area code", "kode kemendagri"),
    "regency_code": ("kode kabupaten", "kode kab", "kode kab kota", "kode kabupaten kota", "regency code",
                     "kode wilayah"),
    "entity_code": ("kode entitas", "kode instansi", "kode pemda", "entity code", "kode wilayah"),
    "parent_code": ("kode induk", "parent code"),
    "lat": ("lintang", "latitude", "lat", "ls", "koordinat lintang", "y"),
    "lon": ("bujur", "longitude", "long", "lng", "lon", "bt", "koordinat bujur", "x"),
    # Wi-Fi
    "point_id": ("id", "id titik", "kode titik", "kode wifi", "id wifi", "point id", "kode lokasi", "id lokasi",
                 "no titik", "nomor titik"),
    "category": ("kategori", "jenis lokasi", "kategori lokasi", "jenis", "category", "type", "site type"),
    "site_name": ("nama lokasi", "nama titik", "nama tempat", "lokasi", "site name", "site", "location name",
                  "nama site", "location"),
    "bandwidth_mbps": ("kapasitas", "kapasitas mbps", "bandwidth", "bandwidth mbps", "kecepatan", "kecepatan mbps",
                       "speed", "speed mbps", "capacity"),
    "installed_on": ("tanggal pasang", "tgl pasang", "tanggal pemasangan", "tanggal instalasi", "tgl instalasi",
                     "installed on", "installation date", "installed", "date installed"),
    "status": ("status", "kondisi", "status titik", "status layanan"),
    "decommissioned_on": ("tanggal dihentikan", "tanggal berhenti", "tanggal nonaktif", "tgl nonaktif",
                          "decommissioned on", "decommission date", "date decommissioned"),
    "funding_source": ("sumber dana", "sumber anggaran", "pendanaan", "funding", "funding source", "anggaran"),
    "funded_until": ("dana sampai", "didanai sampai", "kontrak sampai", "akhir kontrak", "masa kontrak",
                     "funded until", "contract end"),
    "month": ("bulan", "periode", "periode bulan", "month", "period"),
    "unique_users": ("pengguna unik", "jumlah pengguna", "pengguna", "users", "unique users"),
    "sessions": ("sesi", "jumlah sesi", "sessions", "session count"),
    "traffic_gb": ("trafik", "trafik gb", "lalu lintas", "lalu lintas data", "traffic", "traffic gb", "data gb"),
    "uptime_pct": ("uptime", "waktu aktif", "persentase aktif", "ketersediaan", "availability", "uptime persen"),
    "started_at": ("waktu mulai", "mulai", "start", "start time", "started at", "waktu login", "login"),
    "duration_s": ("durasi", "durasi detik", "lama", "lama sesi", "duration", "duration s", "duration seconds"),
    "bytes": ("byte", "bytes", "data terpakai", "volume", "volume data"),
    # signal and blank spots
    "surveyed_on": ("tanggal survei", "tgl survei", "tanggal survey", "survey date", "surveyed on"),
    "source": ("sumber", "source", "sumber data", "data source"),
    "geometry": ("geometri", "geometry", "geom", "batas wilayah", "boundary", "shape"),
    "best_technology": ("teknologi", "teknologi terbaik", "jaringan", "jenis jaringan", "technology", "network",
                        "best technology"),
    "signal_quality": ("kualitas sinyal", "mutu sinyal", "kekuatan sinyal", "sinyal", "signal", "signal quality"),
    "site_id": ("id lokasi", "kode lokasi", "kode blank spot", "id blank spot", "site id", "id site", "id"),
    "stage": ("tahap", "tahapan", "progres", "stage", "progress"),
    "solution": ("solusi", "penanganan", "solution"),
    "owner": ("pelaksana", "penanggung jawab", "pemilik", "owner", "pj"),
    "stage_date": ("tanggal tahap", "tanggal status", "tgl status", "stage date"),
    "target_date": ("tanggal target", "target selesai", "tenggat", "target date", "deadline"),
    "year": ("tahun", "year", "th"),
    "base_stations": ("jumlah bts", "bts", "jumlah menara", "menara", "base stations", "towers"),
    # services
    "service_id": ("kode layanan", "id layanan", "service id", "service code"),
    "maturity_stage": ("tahap kematangan", "tingkat kematangan", "kematangan", "maturity", "maturity stage"),
    "reached_on": ("tanggal tercapai", "tanggal capai", "tercapai", "reached on", "date reached"),
    "requests_total": ("jumlah permohonan", "total permohonan", "permohonan", "requests", "total requests"),
    "requests_online": ("permohonan daring", "permohonan online", "daring", "online", "online requests"),
    "completed": ("selesai", "permohonan selesai", "diselesaikan", "completed"),
    "median_days": ("median hari", "median lama", "lama penyelesaian", "waktu penyelesaian", "median days"),
    "satisfaction_ikm": ("ikm", "indeks kepuasan", "indeks kepuasan masyarakat", "kepuasan", "satisfaction"),
    "cost_per_transaction_idr": ("biaya per transaksi", "biaya transaksi", "biaya", "cost per transaction", "cost"),
    "name_id": ("nama layanan", "nama iku", "nama indonesia", "nama", "name id", "indonesian name"),
    "name_en": ("nama inggris", "nama bahasa inggris", "name en", "english name", "name"),
    "agency": ("opd", "instansi", "penyelenggara", "perangkat daerah", "agency"),
    "is_integrated": ("terintegrasi", "integrasi", "integrated", "is integrated"),
    "launched_on": ("tanggal peluncuran", "tanggal luncur", "diluncurkan", "launched on", "launch date"),
    "is_in_article": ("dalam artikel", "di artikel", "in article"),
    # SPBE
    "framework_id": ("kerangka", "kerangka evaluasi", "framework", "framework id"),
    "indicator_no": ("no indikator", "nomor indikator", "indikator", "indicator", "indicator no", "no"),
    "level": ("tingkat", "tingkat kapabilitas", "nilai", "level", "capability level"),
    "owner_agency": ("opd", "perangkat daerah", "opd pemilik", "instansi", "pemilik", "owner agency", "agency"),
    "contact_unit": ("unit kontak", "kontak unit", "unit yang dihubungi", "contact unit"),
    "contact_address": ("alamat kontak", "kontak", "alamat", "contact address", "contact"),
    "evidence_status": ("status bukti", "bukti dukung", "status bukti dukung", "evidence", "evidence status"),
    "index_value": ("indeks", "nilai indeks", "indeks spbe", "index", "index value"),
    "certainty": ("kepastian", "status publikasi", "certainty"),
    "agencies_evaluated": ("jumlah instansi", "instansi dievaluasi", "agencies evaluated"),
    "domain_no": ("no domain", "nomor domain", "domain no"),
    "domain": ("domain", "nama domain"),
    "aspect_no": ("no aspek", "nomor aspek", "aspect no"),
    "aspect": ("aspek", "nama aspek", "aspect"),
    "weight": ("bobot", "bobot persen", "weight"),
    "indicator_kind": ("jenis indikator", "indicator kind"),
    # indices by province (the national comparison)
    "province_code": ("kode provinsi", "kode prov", "provinsi", "prov", "province", "province code"),
    "measure": ("ukuran", "jenis indeks", "indikator", "measure", "index name"),
    "is_unsure": ("belum pasti", "tidak pasti", "unsure", "uncertain"),
    # KPIs
    "kpi_id": ("kode iku", "id iku", "iku", "kpi", "kpi id"),
    "period_end": ("akhir periode", "periode", "tanggal periode", "period end", "period"),
    "value": ("nilai", "capaian", "realisasi", "value"),
    "entered_by": ("diisi oleh", "petugas", "entered by"),
    "entered_at": ("waktu isi", "diisi pada", "waktu input", "entered at"),
    "note": ("catatan", "keterangan", "note", "notes"),
    "area": ("bidang", "area"),
    "definition_id": ("definisi", "definisi indonesia", "definition id"),
    "definition_en": ("definisi inggris", "definition", "definition en"),
    "unit": ("satuan", "unit"),
    "direction": ("arah", "direction"),
    "baseline_value": ("nilai dasar", "baseline", "baseline value"),
    "baseline_date": ("tanggal dasar", "baseline date"),
    "target_value": ("nilai target", "target", "target value"),
    "target_source": ("sumber target", "target source"),
    "target_kind": ("jenis target", "target kind"),
    "update_frequency": ("frekuensi", "frekuensi pembaruan", "update frequency", "frequency"),
    "is_public": ("publik", "dipublikasikan", "public", "is public"),
    "method": ("metode", "method"),
    "regional_method": ("metode wilayah", "regional method"),
    "regional_target": ("target wilayah", "regional target"),
    "is_headline": ("utama", "iku utama", "headline", "is headline"),
    # regions
    "name": ("nama", "nama wilayah", "nama indikator", "name"),
    "village_type": ("jenis desa", "tipe desa", "village type"),
    "population": ("penduduk", "jumlah penduduk", "population"),
    "population_year": ("tahun penduduk", "population year"),
    "location_basis": ("dasar letak", "location basis"),
    "population_basis": ("dasar penduduk", "population basis"),
}


def normalise_header(header: str, keep_units: bool = False) -> str:
    """Lower case, words only: `Kapasitas (Mbps)` -> `kapasitas` (or `kapasitas mbps` keeping units)."""
    text = str(header).replace("\ufeff", "").lower()
    text = re.sub(r"[(\[]([^)\]]*)[)\]]", r" \1 " if keep_units else " ", text)
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def targets_for(dataset: Dataset) -> tuple[str, ...]:
    """The columns a header may map to: the contract's, and the name columns that can give its region codes."""
    names = [name for column in dataset.columns if column.region_levels and dataset.name != "regions"
             for level in column.region_levels for name in NAMES_GIVING_LEVEL[level]]
    return dataset.column_names + tuple(dict.fromkeys(name for name in names if name not in dataset.column_names))


@dataclass(frozen=True)
class ColumnMatch:
    """One header of the file and the column it is proposed for (None: no proposal)."""
    header: str
    column: str | None
    confidence: float  # 1.0 exact, 0.95 same words, 0.9 a known synonym, below: a fuzzy match


@dataclass(frozen=True)
class MappingProposal:
    dataset: str
    matches: tuple[ColumnMatch, ...]
    missing_required: tuple[str, ...]  # required contract columns no header covers, by name

    @property
    def columns(self) -> dict[str, str | None]:
        return {match.header: match.column for match in self.matches}

    def as_profile(self, name: str, fixed: dict[str, str] | None = None) -> MappingProfile:
        return MappingProfile(name, self.dataset, self.columns, dict(fixed or {}))


@dataclass(frozen=True)
class MappingProfile:
    """A confirmed mapping for files from one source: header -> column (None: left out), and fixed values for
    contract columns the source never writes (e.g. funding_source "province" for the province's own list)."""
    name: str
    dataset: str
    columns: dict[str, str | None]
    fixed: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None  # the workbook sheet its files hold the data on (else the first visible one)


def _scores(header: str, targets: tuple[str, ...]) -> list[tuple[float, str]]:
    """Every target the header may mean, with its confidence."""
    plain, with_units = normalise_header(header), normalise_header(header, keep_units=True)
    forms = {plain, with_units}
    scores = []
    for target in targets:
        target_words = normalise_header(target)
        if header.strip() == target:
            scores.append((EXACT, target))
        elif target_words in forms or target_words.replace(" ", "") in {form.replace(" ", "") for form in forms}:
            scores.append((NORMALISED, target))
        elif forms & set(SYNONYMS.get(target, ())):
            scores.append((SYNONYM, target))
        else:
            known = (target_words, *SYNONYMS.get(target, ()))
            ratio = max(difflib.SequenceMatcher(None, form, word).ratio() for form in forms for word in known)
            if ratio >= FUZZY_FLOOR:
                scores.append((round(ratio * FUZZY_WEIGHT, 3), target))
    return scores


def propose_mapping(headers: list[str], dataset_name: str) -> MappingProposal:
    """The best target for each header, each target used once: the most confident pairs first, then file order."""
    dataset = get_dataset(dataset_name)
    targets = targets_for(dataset)
    pairs = sorted(((-score, position, target) for position, header in enumerate(headers)
                    for score, target in _scores(header, targets)))
    chosen: dict[int, tuple[str, float]] = {}
    taken: set[str] = set()
    for negative_score, position, target in pairs:
        if position in chosen or target in taken:
            continue
        chosen[position] = (target, -negative_score)
        taken.add(target)
    matches = tuple(ColumnMatch(header, *(chosen.get(position) or (None, 0.0)))
                    for position, header in enumerate(headers))
    return MappingProposal(dataset.name, matches, missing_required(dataset, taken))


def missing_required(dataset: Dataset, present: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The required columns `present` leaves uncovered; a region code counts as covered by the name column of
    one of its levels, and a village code also by coordinates (placed by position)."""
    missing = []
    for column in dataset.columns:
        if not column.required or column.name in present:
            continue
        if column.region_levels and dataset.name != "regions":
            if any(NAME_COLUMN_FOR_LEVEL.get(level) in present for level in column.region_levels):
                continue
            location = dataset.location
            if location is not None and location.village_column == column.name \
                    and {location.lat_column, location.lon_column} <= present:
                continue
        missing.append(column.name)
    return tuple(missing)


def _target_of(header: str, profile: MappingProfile) -> tuple[bool, str | None]:
    """Whether the profile knows the header (by its text, else by its normalised words) and its target."""
    if header in profile.columns:
        return True, profile.columns[header]
    wanted = normalise_header(header, keep_units=True)
    for known, target in profile.columns.items():
        if normalise_header(known, keep_units=True) == wanted:
            return True, target
    return False, None


def apply_mapping(frame_or_headers: pd.DataFrame | list[str], profile: MappingProfile) -> pd.DataFrame | list[str | None]:
    """A frame with its columns renamed by the profile, the columns it leaves out dropped and its fixed values
    added (where the file has no such column); headers it does not know stay as they are, for the loader to name.
    Given a list of headers, the new name of each (None: left out)."""
    headers = list(frame_or_headers.columns) if isinstance(frame_or_headers, pd.DataFrame) else list(frame_or_headers)
    renamed: list[str | None] = []
    for header in headers:
        known, target = _target_of(str(header), profile)
        renamed.append(target if known else header)
    if not isinstance(frame_or_headers, pd.DataFrame):
        return renamed
    keep = [position for position, name in enumerate(renamed) if name is not None]
    frame = frame_or_headers.iloc[:, keep].copy()
    frame.columns = [renamed[position] for position in keep]
    for column, value in profile.fixed.items():
        if column not in frame.columns:
            frame[column] = value
    return frame


def profile_path(name: str, folder: Path = MAPPINGS_DIR) -> Path:
    """The file of a named profile; a name is lower-case letters, digits, - and _, so it stays in the folder."""
    if not PROFILE_NAME_PATTERN.fullmatch(name):
        raise ValueError(f"a mapping profile name is lower-case letters, digits, - and _: {name!r}")
    return folder / f"{name}.json"


def save_profile(profile: MappingProfile, folder: Path = MAPPINGS_DIR) -> Path:
    path = profile_path(profile.name, folder)
    get_dataset(profile.dataset)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = {"name": profile.name, "dataset": profile.dataset, "columns": profile.columns, "fixed": profile.fixed}
    if profile.sheet:
        content["sheet"] = profile.sheet
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load_profile(name: str, folder: Path = MAPPINGS_DIR) -> MappingProfile:
    content = json.loads(profile_path(name, folder).read_text(encoding="utf-8"))
    sheet = content.get("sheet")
    return MappingProfile(content["name"], content["dataset"], dict(content["columns"]), dict(content.get("fixed", {})),
                          sheet if isinstance(sheet, str) and sheet else None)


def list_profiles(folder: Path = MAPPINGS_DIR, dataset_name: str | None = None) -> list[str]:
    """The names of the saved profiles (of one dataset, if given), sorted."""
    names = []
    for path in sorted(folder.glob("*.json")):
        if not PROFILE_NAME_PATTERN.fullmatch(path.stem):
            continue
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(content, dict) and "columns" in content and dataset_name in (None, content.get("dataset")):
            names.append(path.stem)
    return names
