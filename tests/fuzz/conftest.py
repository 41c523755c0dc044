"""The fuzz tests post to every form, so they need every persona: the judges of tests/evaluation too."""
from tests.evaluation.conftest import (  # noqa: F401  (fixtures)
    alices_entry,
    bobs_entry,
    carla,
    committee,
    hana,
    hana_client,
    hanas_assignment,
    omar,
    round_one,
    rounds,
)
