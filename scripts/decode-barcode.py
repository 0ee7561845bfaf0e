#!/usr/bin/env python3
"""Decodes barcode images with zxing-cpp, an independent decoder for the GS1 and label tests.

Usage: decode-barcode.py FILE...   where each FILE is an image (PGM, PNG), an SVG document (drawn by cairosvg) or a
ZPL label (its ^GFA graphic field drawn as the printer would). Prints a JSON list, one entry per file: null when
nothing was found, else {"format", "symbology_identifier", "text"} with the text as the decoded bytes, read as
Latin-1 (FNC1 separators as GS, ASCII 29).
Needs: pip install zxing-cpp pillow cairosvg (cairosvg needs the cairo library: apt-get install libcairo2)
"""
import io
import json
import re
import sys

import zxingcpp
from PIL import Image, ImageOps


def image(path):
    if path.endswith(".svg"):
        import cairosvg
        png = cairosvg.svg2png(url=path, background_color="white")
        return Image.open(io.BytesIO(png)).convert("L")
    if path.endswith(".zpl"):
        text = open(path, encoding="utf-8").read()
        match = re.search(r"\^GFA,(\d+),(\d+),(\d+),([0-9A-F]+)", text)
        if not match:
            raise SystemExit(f"{path}: no ^GFA graphic field")
        total, row = int(match.group(2)), int(match.group(3))
        data = bytes.fromhex(match.group(4))
        if len(data) != total:
            raise SystemExit(f"{path}: ^GFA says {total} bytes, holds {len(data)}")
        # ZPL: 1 is a printed (black) dot; PIL's mode 1: 1 is white.
        bitmap = Image.frombytes("1", (row * 8, total // row), bytes(b ^ 0xFF for b in data))
        return ImageOps.expand(bitmap.convert("L"), border=40, fill=255)
    return Image.open(path)


results = []
for path in sys.argv[1:]:
    found = zxingcpp.read_barcodes(image(path), text_mode=zxingcpp.TextMode.Plain)
    if not found:
        results.append(None)
        continue
    code = found[0]
    results.append({
        "format": code.format.name,
        "symbology_identifier": code.symbology_identifier,
        "text": code.bytes.decode("latin-1"),
    })
json.dump(results, sys.stdout)
