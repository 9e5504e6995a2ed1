"""Camps, ports, hospitals, capture regions: the places the records name."""

from yokuryu.gazetteer.load import load_claims, load_places
from yokuryu.gazetteer.lookup import PlaceMatch, find_places

__all__ = ["PlaceMatch", "find_places", "load_claims", "load_places"]
