"""The peer for sealing: pyHanko signs the same contract with the same key, PAdES (ETSI.CAdES.detached), in one
process so Python's start-up is not counted. Prints the mean milliseconds per document as JSON.
    seal_peer.py work-dir runs"""
import json
import os
import sys
import time

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

work, runs = sys.argv[1], int(sys.argv[2])
signer = signers.SimpleSigner.load(os.path.join(work, "seal-key.pem"), os.path.join(work, "seal-cert.pem"),
                                   ca_chain_files=(os.path.join(work, "seal-ca.pem"),))
meta = signers.PdfSignatureMetadata(field_name="Paraphe", subfilter=fields.SigSeedSubFilter.PADES, reason="Bench")
source = open(os.path.join(work, "contract.pdf"), "rb").read()


def once():
    import io
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(source)), meta, signer=signer, output=out)
    return out.getvalue()


once()
start = time.perf_counter()
for _ in range(runs):
    sealed = once()
elapsed = time.perf_counter() - start
open(os.path.join(work, "pyhanko-sealed.pdf"), "wb").write(sealed)
print(json.dumps({"sealMs": elapsed * 1000 / runs, "bytes": len(sealed)}))
