#!/usr/bin/python3
"""Asks LibreOffice (headless, over UNO) whether each OOXML digital signature in the given files verifies.

Usage: /usr/bin/python3 scripts/check-ooxml-signature.py FILE.docx [FILE.docx ...]
Prints one JSON object per file: {"file", "signatures": [{"valid", "certificateStatus", "signer", "partial"}]}.
Needs the Debian packages libreoffice-writer and python3-uno.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def connect(pipe):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    # soffice needs a moment to open its pipe; poll it rather than sleeping a fixed time.
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise RuntimeError("soffice did not start")


def check(ctx, path):
    smgr = ctx.ServiceManager
    factory = smgr.createInstanceWithContext("com.sun.star.embed.StorageFactory", ctx)
    fmt = PropertyValue()
    fmt.Name = "StorageFormat"
    fmt.Value = "ZipFormat"  # what LibreOffice itself hands the signature code, _rels included
    props = uno.Any("[]com.sun.star.beans.PropertyValue", (fmt,))
    storage = uno.invoke(factory, "createInstanceWithArguments",
                         ((uno.systemPathToFileUrl(os.path.abspath(path)), 1, props),))
    signatures = smgr.createInstanceWithArgumentsAndContext(
        "com.sun.star.security.DocumentDigitalSignatures", ("1.2", True), ctx)
    infos = signatures.verifyDocumentContentSignatures(storage, None)
    return [
        {
            "valid": bool(i.SignatureIsValid),
            "certificateStatus": int(i.CertificateStatus),
            "signer": i.Signer.SubjectName if i.Signer else None,
            "partial": bool(i.PartialDocumentSignature),
        }
        for i in infos
    ]


def main(paths):
    pipe = f"edaran-ooxml-{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
             f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
             f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ctx = connect(pipe)
            for path in paths:
                print(json.dumps({"file": path, "signatures": check(ctx, path)}), flush=True)
        finally:
            try:
                ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
            except Exception:
                pass
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main(sys.argv[1:])
