"""Type stubs of the compiled module redress._redress (python/src/module.cpp).

Hosts use the package (redress.Policy); this module is its core: policies compiled from YAML,
incidents as JSON text in, decisions as JSON text out.
"""
from typing import Iterable, List, Tuple, Union

class CompiledPolicy:
    """A compiled policy, immutable and shared by every thread deciding with it."""

    @staticmethod
    def load(path: str) -> CompiledPolicy:
        """Reads and compiles a policy file; raises redress.PolicyError."""
    @staticmethod
    def from_yaml(text: str, name: str) -> CompiledPolicy:
        """Compiles policy YAML text named `name` in diagnostics; raises redress.PolicyError."""
    @staticmethod
    def default() -> CompiledPolicy:
        """The built-in default policy."""
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def hash(self) -> str:
        """"sha256:<hex>" of the YAML text."""
    @property
    def name(self) -> str: ...
    @property
    def source(self) -> str:
        """The YAML text the policy was compiled from."""
    @property
    def currency(self) -> str: ...
    def lint_json(self) -> str:
        """The linter's findings as a JSON array of diagnostics."""
    def decide_json(self, incident: Union[str, bytes], trace: bool = False) -> str:
        """One incident (JSON or YAML) to its decision as one line of JSON, without the GIL.
        Raises redress.IncidentError or redress.DecideError."""
    def explain_json(self, incident: Union[str, bytes], outcome: str) -> str:
        """The counterfactuals of one outcome ("owner", "remedy:ID", ...) for one incident, as
        one line of the JSON `redress explain --json` writes, without the GIL. Raises
        ValueError for an unknown outcome, else as decide_json."""
    def decide_list(self, items: List[Union[str, bytes]], trace: bool = False,
                    first_line: int = 1) -> Tuple[List[str], List[int]]:
        """Decides JSON incidents on the calling thread without the GIL: (texts, failed) as
        DecideStream.next_batch() gives them, the first item numbered `first_line`."""
    def decide_stream(self, items: Iterable[Union[str, bytes]], threads: int = 0,
                      trace: bool = False) -> DecideStream:
        """Starts deciding JSON incidents on the batch pipeline (threads 0: one per core)."""

class DecideStream:
    """The results of decide_stream(), in input order."""

    def next_batch(self, most: int = 1024) -> Tuple[List[str], List[int]]:
        """Up to `most` results as (texts, failed): decision JSON lines, and error records at
        the positions `failed`; no texts at the end. Raises what the iterable raised, after the
        results before it."""
    def close(self) -> None:
        """Stops the pipeline; results not taken are dropped."""
