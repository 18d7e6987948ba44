"""PDF through LibreOffice, in one batched call per kit (a start costs seconds)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from dictee.errors import RenderError
from dictee.scratch import scratch_folder
from dictee.signals import run_group

TIMEOUT_S = 240


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    explicit = os.environ.get("DICTEE_SOFFICE")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_HEX_FIELDS = re.compile(rb"(/ID \[ <|> ?\s*<|/DocChecksum /)([0-9A-F]{32})")


def make_reproducible(path: Path, *, stamp: dt.datetime) -> Path:
    """Replace LibreOffice's clock time and random ID, in place and at the same byte
    length (the cross-reference offsets stay valid): same document, same bytes."""
    data = Path(path).read_bytes()
    fixed = stamp.strftime("%Y%m%d%H%M%S").encode()
    data = _DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + fixed, data)
    blank = _HEX_FIELDS.sub(lambda m: m.group(1) + b"0" * 32, data)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    data = _HEX_FIELDS.sub(lambda m: m.group(1) + digest, blank)
    Path(path).write_bytes(data)
    return Path(path)


def convert_to_pdf(documents: list[Path], outdir: Path) -> list[Path]:
    """Convert every .docx to PDF in `outdir` with one LibreOffice process."""
    exe = soffice()
    if exe is None:
        raise RenderError("LibreOffice est introuvable",
                          hint="Installez-le (apt-get install libreoffice-writer) ou "
                               "utilisez --sans-pdf.")
    if not documents:
        return []
    # A private profile: parallel builds must not share (and lock) one.
    with scratch_folder("lo") as profile_folder:
        profile = str(profile_folder)
        command = [exe, f"-env:UserInstallation=file://{profile}", "--headless",
                   "--norestore", "--convert-to", "pdf:writer_pdf_Export",
                   "--outdir", str(outdir), *map(str, documents)]
        try:
            # Its own temporary files (lu*.tmp) go in the profile too, so that they
            # leave with it even when LibreOffice is killed.
            result = run_group(command, timeout=TIMEOUT_S,
                               env={**os.environ, "HOME": profile, "TMPDIR": profile})
        except subprocess.TimeoutExpired as error:
            raise RenderError(f"LibreOffice n'a pas répondu en {TIMEOUT_S} s",
                              hint="Fermez les fenêtres LibreOffice ouvertes et relancez, "
                                   "ou utilisez --sans-pdf.") from error
    pdfs = [outdir / (doc.stem + ".pdf") for doc in documents]
    missing = [p.name for p in pdfs if not p.is_file()]
    if result.returncode != 0 or missing:
        detail = result.stderr.decode("utf-8", "replace").strip()[-300:]
        raise RenderError(f"LibreOffice n'a pas produit {', '.join(missing) or 'les PDF'} "
                          f"({detail or 'code ' + str(result.returncode)})",
                          hint="Relancez, ou utilisez --sans-pdf.", names=missing)
    return pdfs
