#!/usr/bin/env python3
"""Writes the benchmark contract as JSON: a 30-article French services agreement of about 17 pages.
Both sides of the comparison (Paraphe and docxtpl + LibreOffice) render exactly this content."""
import json
import sys

TITLES = ["Objet", "Définitions", "Durée", "Prix et modalités de paiement", "Obligations du Prestataire",
          "Obligations du Client", "Confidentialité", "Propriété intellectuelle", "Responsabilité", "Résiliation"]
PARAGRAPH = ("Le Prestataire s’engage à exécuter les prestations décrites avec diligence, conformément aux règles de l’art, "
             "et à informer le Client de toute difficulté. Le montant forfaitaire s’élève à 1\u00a0234,50\u00a0€ hors taxes, "
             "payable à trente (30) jours fin de mois ; les pénalités de retard sont égales à trois fois le taux d’intérêt légal. "
             "Aucune stipulation ne saurait être interprétée comme une renonciation à se prévaloir d’un manquement « ultérieur ».")


def article(n):
    return {"number": str(n), "title": TITLES[(n - 1) % 10],
            "paragraphs": [f"Le présent article {n} précise les engagements réciproques des parties. " + PARAGRAPH],
            "children": [{"number": f"{n}.{s}", "title": f"Modalités particulières n°\u00a0{s}", "paragraphs": [PARAGRAPH]} for s in (1, 2)]}


content = {
    "title": "Contrat de prestation de services",
    "subtitle": "Réf. PAR-2026-0042",
    "parties": [
        {"name": "Acme Édition SAS", "legalForm": "société par actions simplifiée au capital de 50\u00a0000\u00a0€",
         "registrationNumber": "RCS Paris 812 345 678", "address": "12 rue de l’Église, 75011 Paris",
         "representative": "Mme Hélène Faÿ, Présidente", "role": "le Prestataire"},
        {"name": "Globex Société Anonyme", "legalForm": "société anonyme", "registrationNumber": "RCS Lyon 402 111 222",
         "address": "3 quai Saint-Antoine, 69002 Lyon", "representative": "M. François Cœur, Directeur général", "role": "le Client"},
    ],
    "preamble": ["Le Prestataire a développé une expertise reconnue ; le Client souhaite en bénéficier. Il a été convenu ce qui suit."],
    "articles": [article(n) for n in range(1, 31)],
    "closing": "Fait à Paris, le 1er mars 2026, en deux exemplaires originaux.",
}
json.dump(content, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
