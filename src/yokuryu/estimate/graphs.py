"""Every decomposable (chordal) graph on p ≤ 5 lists, with cliques and separators.

The dga package ships these lists pre-computed (graphs3/4/5: 8, 61 and 822 graphs);
here they are generated: all edge subsets, kept when chordal, cliques from networkx and
separators from a maximum-weight spanning tree of the clique graph (a junction tree).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

import networkx as nx

MAX_LISTS = 5


@dataclass(frozen=True)
class Decomposable:
    edges: tuple[tuple[int, int], ...]
    cliques: tuple[tuple[int, ...], ...]
    separators: tuple[tuple[int, ...], ...]  # non-empty separators only

    def label(self, names: tuple[str, ...]) -> str:
        return " ".join("{" + ",".join(names[i] for i in c) + "}" for c in self.cliques)


def _junction(graph: nx.Graph) -> Decomposable:
    cliques = sorted(tuple(sorted(c)) for c in nx.find_cliques(graph))
    tree = nx.Graph()
    tree.add_nodes_from(range(len(cliques)))
    for a, b in combinations(range(len(cliques)), 2):
        shared = set(cliques[a]) & set(cliques[b])
        if shared:
            tree.add_edge(a, b, weight=len(shared))
    separators = sorted(
        tuple(sorted(set(cliques[a]) & set(cliques[b])))
        for a, b in nx.maximum_spanning_tree(tree).edges()
    )
    edges = tuple(sorted(tuple(sorted(e)) for e in graph.edges()))
    return Decomposable(edges, tuple(cliques), tuple(separators))


@cache
def decomposable_graphs(p: int) -> tuple[Decomposable, ...]:
    """All decomposable graphs on nodes 0..p−1 (p = 3, 4, 5 → 8, 61, 822)."""
    possible = list(combinations(range(p), 2))
    found = []
    for mask in range(2 ** len(possible)):
        graph = nx.Graph()
        graph.add_nodes_from(range(p))
        graph.add_edges_from(e for i, e in enumerate(possible) if mask >> i & 1)
        if nx.is_chordal(graph):
            found.append(_junction(graph))
    return tuple(found)
