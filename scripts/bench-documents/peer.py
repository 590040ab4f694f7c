#!/usr/bin/env python3
"""The peer a legal-ops team scripts by hand: docxtpl fills a Word template, LibreOffice converts it to PDF.
Prints the mean milliseconds per document for each step, as JSON.
    peer.py content.json workdir runs"""
import json
import os
import subprocess
import sys
import time

import docx
from docxtpl import DocxTemplate

content_path, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
content = json.load(open(content_path))
os.makedirs(work, exist_ok=True)

# The Word template, with Jinja tags as docxtpl expects them: paragraph-level loops over articles and sub-articles.
template_path = os.path.join(work, "template.docx")
d = docx.Document()
d.add_heading("{{ title }}", 0)
d.add_paragraph("{{ subtitle }}")
d.add_paragraph("{%p for p in parties %}")
d.add_paragraph("{{ p.name }}, {{ p.legalForm }}, immatriculée sous le numéro {{ p.registrationNumber }}, dont le siège est situé "
                "{{ p.address }}, représentée par {{ p.representative }}, ci-après « {{ p.role }} »")
d.add_paragraph("{%p endfor %}")
d.add_paragraph("{%p for text in preamble %}")
d.add_paragraph("{{ text }}")
d.add_paragraph("{%p endfor %}")
d.add_paragraph("{%p for a in articles %}")
d.add_heading("Article {{ a.number }} – {{ a.title }}", 1)
d.add_paragraph("{%p for text in a.paragraphs %}")
d.add_paragraph("{{ text }}")
d.add_paragraph("{%p endfor %}")
d.add_paragraph("{%p for c in a.children %}")
d.add_heading("{{ c.number }} {{ c.title }}", 2)
d.add_paragraph("{%p for text in c.paragraphs %}")
d.add_paragraph("{{ text }}")
d.add_paragraph("{%p endfor %}")
d.add_paragraph("{%p endfor %}")
d.add_paragraph("{%p endfor %}")
d.add_paragraph("{{ closing }}")
d.save(template_path)

profile = "file://" + os.path.join(work, "lo-profile")
render_ms, convert_ms, sizes = [], [], []
for i in range(runs + 1):
    out = os.path.join(work, f"contract-{i}.docx")
    start = time.perf_counter()
    t = DocxTemplate(template_path)
    t.render(content)
    t.save(out)
    rendered = time.perf_counter()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", work, out],
                   check=True, capture_output=True)
    converted = time.perf_counter()
    if i == 0:
        continue  # the first run creates LibreOffice's profile
    render_ms.append((rendered - start) * 1000)
    convert_ms.append((converted - rendered) * 1000)
    sizes.append(os.path.getsize(out.replace(".docx", ".pdf")))

pages = subprocess.run(["pdfinfo", os.path.join(work, f"contract-{runs}.pdf")], capture_output=True, text=True).stdout
page_count = next((int(line.split()[-1]) for line in pages.splitlines() if line.startswith("Pages:")), 0)
print(json.dumps({"docxMs": sum(render_ms) / runs, "pdfMs": sum(convert_ms) / runs, "pdfBytes": sizes[-1], "pages": page_count}))
