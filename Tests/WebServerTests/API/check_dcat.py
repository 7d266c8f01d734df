"""Checks a DCAT-AP-SE 3.0 catalogue in RDF/XML with rdflib.

Usage: check_dcat.py FILE BASE-URL
Prints one JSON object: "missing", every mandatory (and recommended-and-promised)
property absent from a resource of a class, as "Class <uri>: property"; "uris",
every URI in the catalogue under BASE-URL (for the caller to fetch); "counts", how
many resources of each class. Exit status 2 when the file does not parse.
"""
import json
import sys

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

DCAT = Namespace("http://www.w3.org/ns/dcat#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

# DCAT-AP-SE 3.0.1 (docs.dataportal.se/dcat/3.0.1): the mandatory properties of each
# class (cardinality min 1 in its bundle.json), and the recommended ones the register
# can know, which it promises too.
MANDATORY = {
    DCAT.Catalog: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.license, DCAT.dataset],
    DCAT.Dataset: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher],
    DCAT.Distribution: [DCAT.accessURL, DCTERMS.format],
    DCAT.DataService: [DCTERMS.title, DCAT.endpointURL, DCTERMS.format],
    FOAF.Organization: [FOAF.name, DCTERMS.type],
    VCARD.Organization: [VCARD.fn, VCARD.hasEmail],
}
RECOMMENDED = {
    DCAT.Catalog: [DCTERMS.issued, DCTERMS.modified, DCTERMS.language, FOAF.homepage, DCAT.themeTaxonomy],
    DCAT.Dataset: [DCAT.contactPoint, DCAT.keyword, DCAT.theme, DCTERMS.issued, DCTERMS.accessRights, DCAT.distribution],
    DCAT.Distribution: [DCTERMS.license, DCTERMS.title],
    DCAT.DataService: [DCAT.endpointDescription, DCAT.contactPoint, DCAT.keyword, DCTERMS.accessRights, DCAT.servesDataset],
}
# Properties whose text must be given in both Swedish and English.
BILINGUAL = [DCTERMS.title, DCTERMS.description]


def main():
    graph = Graph()
    try:
        graph.parse(sys.argv[1], format="xml")
    except Exception as error:  # rdflib raises many kinds for bad RDF/XML
        sys.stderr.write(f"rdflib cannot parse the catalogue: {error}\n")
        return 2
    base = sys.argv[2]
    missing, counts = [], {}
    for table in (MANDATORY, RECOMMENDED):
        for cls, properties in table.items():
            subjects = list(graph.subjects(RDF.type, cls))
            counts[str(cls)] = len(subjects)
            if not subjects:
                missing.append(f"{cls}: no resource of this class")
            for subject in subjects:
                for prop in properties:
                    if graph.value(subject, prop) is None:
                        missing.append(f"{cls} {subject}: {prop}")
                for prop in BILINGUAL:
                    languages = {o.language for o in graph.objects(subject, prop) if isinstance(o, Literal)}
                    if any(True for _ in graph.objects(subject, prop)) and not {"sv", "en"} <= languages:
                        missing.append(f"{cls} {subject}: {prop} in sv and en")
    uris = sorted({str(node) for triple in graph for node in triple
                   if isinstance(node, URIRef) and str(node).startswith(base)})
    print(json.dumps({"missing": missing, "uris": uris, "counts": counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
