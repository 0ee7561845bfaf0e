"""Schemathesis hooks for Lotline: how to send an `application/x-ndjson` body (POST /import), which schemathesis does
not know. The document describes the body as a string of import lines; it goes as that string's UTF-8 bytes."""
import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value).encode("utf-8")
