"""Solve one hospital-resident instance with daffidwilde/matching (the peer of bench/lottery-peer.ts).

Usage: PYTHONPATH=<matching source>/src python3 bench/peer/matching_hr.py <instance.json> <out.json>

The instance is {"residents": {id: [school, ...]}, "hospitals": {school: [id, ...]},
"capacities": {school: seats}}: every preference list strict, a school's list holding exactly the
children who ranked it, in our engine's order (priority class, then lottery number). The package is
imported from PYTHONPATH and used only through its documented API:
HospitalResident.create_from_dictionaries(...) then solve(optimal="resident").

Written to <out.json>: the timings (perf_counter seconds; CPU seconds from process_time), the
package's version, any warnings its input checks raised, and "assignments": child id -> school id
or null. Timed separately:
  createSeconds       create_from_dictionaries: builds the players, deep-copies them, and runs
                      the game's input checks (check_inputs: uniqueness, reciprocity, capacity)
  checkInputsSeconds  one more check_inputs() on the built game, alone: the share of the checks
  solveSeconds        solve(optimal="resident") only
  checkValiditySeconds check_validity() of the solved matching (not part of solve)
check_stability() is not run: it visits every (resident, hospital) pair and searches the
hospital's list for each, far slower than the solve at this size.
"""

import json
import resource
import sys
import time
import warnings

# create_from_dictionaries deep-copies the players, which reference each other through their
# preference lists: copy.deepcopy recurses along that chain, deeper than Python's default
# limit of 1000 frames at 20,000 children (RecursionError). Raising the limit changes no result.
sys.setrecursionlimit(1_000_000)

import matching  # noqa: E402
from matching.games import HospitalResident  # noqa: E402


def timed(action):
    began, cpu = time.perf_counter(), time.process_time()
    value = action()
    return value, time.perf_counter() - began, time.process_time() - cpu


def main(instance_path, out_path):
    with open(instance_path, encoding="utf-8") as f:
        instance = json.load(f)
    residents, hospitals, capacities = instance["residents"], instance["hospitals"], instance["capacities"]

    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always")
        game, create_s, create_cpu = timed(
            lambda: HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
        )
        create_warnings = len(raised)
        _, check_inputs_s, _ = timed(game.check_inputs)
        solved, solve_s, solve_cpu = timed(lambda: game.solve(optimal="resident"))
        valid, check_validity_s, _ = timed(game.check_validity)

    assignments = {resident.name: None for resident in game.residents}
    for hospital, matched in solved.items():
        for resident in matched:
            assignments[resident.name] = hospital.name

    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(
            {
                "package": "matching",
                "version": matching.__version__,
                "python": sys.version.split()[0],
                "createSeconds": create_s,
                "createCpuSeconds": create_cpu,
                "checkInputsSeconds": check_inputs_s,
                "solveSeconds": solve_s,
                "solveCpuSeconds": solve_cpu,
                "checkValiditySeconds": check_validity_s,
                "valid": valid,
                "warnings": create_warnings,
                "firstWarning": str(raised[0].message) if raised else None,
                # ru_maxrss is in KiB on Linux.
                "peakRssMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "assignments": assignments,
            },
            f,
        )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: matching_hr.py <instance.json> <out.json>")
    main(sys.argv[1], sys.argv[2])
