"""A small Python binding of the redress C ABI (include/redress/redress.h), standard library only.

    lib = Redress("/usr/local/lib/libredress_c.so")
    policy = lib.load_policy()                 # the built-in default; or lib.load_policy("my.yaml")
    decision = policy.decide('{"id": "T-1", ...}')   # a dict, or RedressError

Policies are immutable: share one across threads. Every string the C side returns is copied
into Python and freed at once, so nothing leaks and nothing dangles.
"""
import ctypes
import json
import os

REDRESS_TRACE = 1
REDRESS_PRETTY = 2
STATUS_NAMES = {0: "REDRESS_OK", 1: "REDRESS_E_INVALID_ARGUMENT", 2: "REDRESS_E_POLICY",
                3: "REDRESS_E_INCIDENT", 4: "REDRESS_E_DECIDE", 5: "REDRESS_E_IO",
                6: "REDRESS_E_NO_MEMORY", 7: "REDRESS_E_INTERNAL"}


class RedressError(Exception):
    """A failure reported by the C ABI: status name, message and diagnostics (a list of dicts)."""

    def __init__(self, status, message, diagnostics):
        super().__init__(f"{STATUS_NAMES.get(status, status)}: {message}")
        self.status = status
        self.status_name = STATUS_NAMES.get(status, str(status))
        self.message = message
        self.diagnostics = diagnostics


class Redress:
    """The loaded shared library."""

    def __init__(self, path=None):
        path = path or os.environ.get("REDRESS_C_LIBRARY") or "libredress_c.so"
        self._lib = lib = ctypes.CDLL(path)
        p, vp, cp, sz = ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p, ctypes.c_size_t
        self._sig("redress_version", cp, [])
        self._sig("redress_error_code", ctypes.c_int, [p])
        self._sig("redress_error_message", cp, [p])
        self._sig("redress_error_diagnostics_json", cp, [p])
        self._sig("redress_error_free", None, [p])
        self._sig("redress_string_free", None, [p])
        self._sig("redress_policy_load_file", p, [cp, vp])
        self._sig("redress_policy_load_string", p, [cp, sz, cp, vp])
        self._sig("redress_policy_load_default", p, [vp])
        self._sig("redress_policy_free", None, [p])
        self._sig("redress_policy_identity", cp, [p])
        self._sig("redress_decide_audited", ctypes.c_int,
                  [p, cp, sz, ctypes.c_uint, cp, vp, vp, vp])
        self.version = lib.redress_version().decode()

    def _sig(self, name, restype, argtypes):
        function = getattr(self._lib, name)
        function.restype = restype
        function.argtypes = argtypes

    def _raise(self, status, err):
        message = self._lib.redress_error_message(err).decode("utf-8", "replace")
        diagnostics = json.loads(self._lib.redress_error_diagnostics_json(err).decode("utf-8"))
        self._lib.redress_error_free(err)
        raise RedressError(status, message, diagnostics)

    def _take(self, pointer):
        if not pointer:
            return None
        text = ctypes.string_at(pointer).decode("utf-8")
        self._lib.redress_string_free(pointer)
        return text

    def load_policy(self, path=None, text=None, name=None):
        """The policy in `path`, or in YAML `text`, or the built-in default when neither."""
        err = ctypes.c_void_p()
        if text is not None:
            data = text.encode("utf-8")
            handle = self._lib.redress_policy_load_string(
                data, len(data), name.encode() if name else None, ctypes.byref(err))
        elif path is not None:
            handle = self._lib.redress_policy_load_file(os.fsencode(path), ctypes.byref(err))
        else:
            handle = self._lib.redress_policy_load_default(ctypes.byref(err))
        if not handle:
            self._raise(self._lib.redress_error_code(err), err)
        return Policy(self, handle)


class Policy:
    """A compiled policy; thread-safe to decide with."""

    def __init__(self, redress, handle):
        self._redress = redress
        self._handle = handle
        self.identity = json.loads(redress._lib.redress_policy_identity(handle).decode())

    def __del__(self):
        if getattr(self, "_handle", None):
            self._redress._lib.redress_policy_free(self._handle)
            self._handle = None

    def decide(self, incident_json, trace=False, decided_at=None):
        """Decides an incident (JSON text); returns (decision dict, audit record dict)."""
        data = incident_json.encode("utf-8") if isinstance(incident_json, str) else incident_json
        decision, audit, err = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        lib = self._redress._lib
        status = lib.redress_decide_audited(
            self._handle, data, len(data), REDRESS_TRACE if trace else 0,
            decided_at.encode() if decided_at else None,
            ctypes.byref(decision), ctypes.byref(audit), ctypes.byref(err))
        if status != 0:
            self._redress._raise(status, err)
        return (json.loads(self._redress._take(decision)),
                json.loads(self._redress._take(audit)))
