"""Ingestion: lists in any format, encoding and script into the registry, every row kept."""

from yokuryu.ingest.export import export_table
from yokuryu.ingest.importer import ImportSummary, import_file
from yokuryu.ingest.manifest import ManifestEntry, load_manifest
from yokuryu.ingest.mapping import Mapping, load_mapping, mapping_from_dict
from yokuryu.ingest.status import SourceStatus, archive_status

__all__ = [
    "ImportSummary",
    "ManifestEntry",
    "Mapping",
    "SourceStatus",
    "archive_status",
    "export_table",
    "import_file",
    "load_manifest",
    "load_mapping",
    "mapping_from_dict",
]
