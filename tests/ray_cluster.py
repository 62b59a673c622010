"""A real Ray cluster for the tests: ``ray start --head --block`` as its own process, on free
loopback ports, with its own temporary folder, stopped after.

Stopping kills exactly the processes this cluster started, by id: the head command's process
tree (GCS, raylet, agents, and the workers the raylet forked, which Ray puts in process
groups of their own), found through /proc. ``ray stop`` is not used: it stops every Ray
process on the machine, other people's clusters included.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START_TIMEOUT_S = 120
STOP_GRACE_S = 5  # a throwaway cluster: what has not gone by then is killed
# Token authentication is off for this throwaway loopback cluster, for the cluster and its clients alike.
ENV = {"RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}


def free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def ray_command() -> str:
    script = Path(sys.executable).with_name("ray")
    return str(script) if script.exists() else (shutil.which("ray") or "ray")


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from /proc (children before they are orphaned by a kill)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class RayCluster:
    def __init__(self, cpus: int = 2):
        # A short root: Ray's socket paths live under it and Unix sockets allow ~107 characters.
        self.root = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))
        gcs, agent, agent_grpc, runtime_env, metrics, node_manager, object_manager = free_ports(7)
        low = random.randrange(20_000, 40_000, 200)
        self.address = f"127.0.0.1:{gcs}"
        command = [
            ray_command(), "start", "--head", "--block", f"--num-cpus={cpus}", "--node-ip-address=127.0.0.1",
            f"--port={gcs}", "--include-dashboard=false", f"--dashboard-agent-listen-port={agent}",
            f"--dashboard-agent-grpc-port={agent_grpc}", f"--runtime-env-agent-port={runtime_env}",
            f"--metrics-export-port={metrics}", f"--node-manager-port={node_manager}",
            f"--object-manager-port={object_manager}", f"--min-worker-port={low}", f"--max-worker-port={low + 199}",
            f"--temp-dir={self.root / 't'}", "--object-store-memory=100000000", "--disable-usage-stats",
        ]
        self.log_path = self.root / "ray-start.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
                                     env={**os.environ, **ENV}, cwd=self.root)

    def wait_ready(self) -> "RayCluster":
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"ray start exited with {self.proc.returncode}: {self.log_path.read_text()}")
            status = subprocess.run([ray_command(), "status", "--address", self.address], capture_output=True,
                                    env={**os.environ, **ENV}, timeout=60)
            if status.returncode == 0 and b"CPU" in status.stdout:
                return self
            time.sleep(1)
        raise RuntimeError(f"the Ray cluster was not ready after {START_TIMEOUT_S}s: {self.log_path.read_text()}")

    def stop(self) -> None:
        pids = [self.proc.pid, *descendants(self.proc.pid)]
        for sig, wait in ((signal.SIGTERM, STOP_GRACE_S), (signal.SIGKILL, 10)):
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and any(_alive(p) for p in pids):
                time.sleep(0.2)
                self.proc.poll()  # reap the head command
            if not any(_alive(p) for p in pids):
                break
        self.proc.wait(timeout=10)
        self._log.close()
        shutil.rmtree(self.root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead; only its parent's wait is missing
