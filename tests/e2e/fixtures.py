"""The persona fixtures the page states ask for by name, gathered once: `from .fixtures import *` in a test module."""
from tests.ceremonies.conftest import alices_finalist, gold, levels, published, seoul_finalist, the_ceremony
from tests.evaluation.conftest import alices_entry, bobs_entry, carla, committee, hana, hanas_assignment, omar, \
    round_one, rounds

__all__ = ["alices_finalist", "gold", "levels", "published", "seoul_finalist", "the_ceremony", "alices_entry",
           "bobs_entry", "carla", "committee", "hana", "hanas_assignment", "omar", "round_one", "rounds"]
