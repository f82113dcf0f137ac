"""The sandbox social platform: X API v2, LinkedIn's Posts API and Meta's Graph API on one loopback port.

The connectors, tests, benchmarks and the demo talk to it instead of the internet. Its wire contract
is WIRE.md beside this file. Start one with ``serve_sandbox()`` (tests) or ``smm sandbox serve``.
"""

from agents.publisher.sandbox.app import Sandbox, SandboxConfig
from agents.publisher.sandbox.server import SandboxHandle, run_foreground, serve_sandbox

__all__ = ["Sandbox", "SandboxConfig", "SandboxHandle", "run_foreground", "serve_sandbox"]
