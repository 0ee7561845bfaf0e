#!/usr/bin/env python3
"""Decodes barcode images with zxing-cpp, an independent decoder for the GS1 tests.

Usage: decode-barcode.py IMAGE...   prints a JSON list, one entry per image: null when nothing was found, else
{"format", "symbology_identifier", "text"} with the text as decoded bytes (FNC1 separators as GS, ASCII 29).
Needs: pip install zxing-cpp pillow
"""
import json
import sys

import zxingcpp
from PIL import Image

results = []
for path in sys.argv[1:]:
    found = zxingcpp.read_barcodes(Image.open(path), text_mode=zxingcpp.TextMode.Plain)
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
