"""Runs the flowsocket command as ``python -m flowsocket`` does, with every frame of its
connections checked against docs/schema/ as the suite's own clients are; writes the
violations, one per line, to the file FLOWSOCKET_CONTRACT_VIOLATIONS names."""

import os
import sys

from contract import Contract, watch_connections


def run():
    violations = []
    watch_connections(Contract(), violations, lambda url: True)
    from flowsocket.cli import main
    try:
        return main()
    finally:
        with open(os.environ["FLOWSOCKET_CONTRACT_VIOLATIONS"], "a", encoding="utf-8") as out:
            out.writelines(v.replace("\n", " ") + "\n" for v in violations)


if __name__ == "__main__":
    sys.exit(run())
