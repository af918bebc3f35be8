"""The code-correctness harness: runs a model's matplotlib answer and describes what it drew.

Shipped next to the plugin library and started by it inside the host's sandbox.

    harness.py serve          fork server: pre-imports matplotlib once, then reads one JSON job
                              per stdin line and forks a child per job (see serve()).
    harness.py run JOB_DIR    runs JOB_DIR/answer.py once in this interpreter (no fork server).
    harness.py floor          bench floor: execs each answer path read from stdin in this warm
                              interpreter, no harness work at all, and prints its milliseconds.

A job's outputs, all inside its folder: .harness/result.json (status and figures),
.harness/stdout.txt and .harness/stderr.txt, .harness/figure-N.png (one PNG per figure).
Outputs are data for the host to parse; nothing here is ever evaluated by the host.
"""

import json
import os
import sys
import time

os.environ.setdefault("MPLBACKEND", "Agg")
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.figure  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.patches import Wedge  # noqa: E402

HARNESS_DIR = ".harness"


# --- capture: what the answer saves and shows --------------------------------------------------

class Capture:
    """Figures the answer touched, with their saves, in the order they appeared."""

    def __init__(self, job_dir):
        self.job_dir = os.path.realpath(job_dir)
        self.entries = []  # {"figure", "saves", "shown", "snapshot", "png"}
        self.backend_requests = []

    def entry(self, fig):
        for e in self.entries:
            if e["figure"] is fig:
                return e
        e = {"figure": fig, "saves": [], "shown": False, "snapshot": None, "png": None}
        self.entries.append(e)
        return e

    def redirect(self, requested):
        """Paths inside the job folder stay; anything else lands in redirected/."""
        absolute = os.path.realpath(os.path.join(self.job_dir, requested))
        if absolute == self.job_dir or absolute.startswith(self.job_dir + os.sep):
            return requested
        os.makedirs(os.path.join(self.job_dir, "redirected"), exist_ok=True)
        return os.path.join("redirected", os.path.basename(requested) or "figure.png")

    def png_path(self, fig):
        return os.path.join(HARNESS_DIR, "figure-%d.png" % (self.entries.index(self.entry(fig)) + 1))

    def keep(self, fig, rendered_png=None, just_saved=False):
        """Snapshot a figure as it is now and keep a PNG of it. Drawing a figure costs as much
        as the answer itself, so a PNG is made from what savefig just drew where possible."""
        e = self.entry(fig)
        e["snapshot"] = describe_figure(fig)
        target = self.png_path(fig)
        if e["png"] and not just_saved:
            return  # shown after it was saved: the saved picture stands
        try:
            if rendered_png and os.path.isfile(rendered_png):
                with open(rendered_png, "rb") as src, open(target, "wb") as dst:
                    dst.write(src.read())
            else:
                if getattr(fig.canvas, "renderer", None) is None or not just_saved:
                    fig.canvas.draw()
                if not write_rendered_buffer(fig, target):
                    ORIGINAL_SAVEFIG(fig, target, format="png")
            e["png"] = target
        except Exception as error:  # the PNG is a courtesy; the snapshot matters more
            e["png_error"] = "%s: %s" % (type(error).__name__, error)


CAPTURE = None
ORIGINAL_SAVEFIG = matplotlib.figure.Figure.savefig
ORIGINAL_PIE = Axes.pie


def write_rendered_buffer(fig, target):
    """Write what the last draw left in the renderer as a PNG, without drawing again. Written by
    hand (unfiltered rows, zlib level 1): twice as fast as PIL's encoder for these pictures."""
    import struct
    import zlib

    renderer = getattr(fig.canvas, "renderer", None)
    if renderer is None or not hasattr(renderer, "buffer_rgba"):
        return False
    width, height = int(renderer.width), int(renderer.height)
    rows = memoryview(renderer.buffer_rgba()).cast("B")
    if len(rows) != width * height * 4:
        return False
    stride = width * 4
    raw = bytearray((stride + 1) * height)
    for y in range(height):  # each row: filter type 0, then its pixels
        raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)] = rows[y * stride:(y + 1) * stride]

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with open(target, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)))
        out.write(chunk(b"IDAT", zlib.compress(bytes(raw), 1)))
        out.write(chunk(b"IEND", b""))
    return True


def captured_savefig(self, fname, *args, **kwargs):
    if CAPTURE is None:
        return ORIGINAL_SAVEFIG(self, fname, *args, **kwargs)
    if isinstance(fname, (str, bytes, os.PathLike)):
        requested = os.fsdecode(fname)
        target = CAPTURE.redirect(requested)
        fmt = kwargs.get("format") or os.path.splitext(requested)[1].lstrip(".").lower() or "png"
        result = ORIGINAL_SAVEFIG(self, target, *args, **kwargs)
        CAPTURE.entry(self)["saves"].append({"requested": requested, "path": target, "format": fmt})
        raster = fmt in ("png", "jpg", "jpeg", "tif", "tiff", "webp", "raw", "rgba")
        CAPTURE.keep(self, rendered_png=target if fmt == "png" else None, just_saved=raster)
        return result
    result = ORIGINAL_SAVEFIG(self, fname, *args, **kwargs)
    CAPTURE.entry(self)["saves"].append({"requested": "<file object>", "path": None,
                                         "format": kwargs.get("format") or "png"})
    CAPTURE.keep(self)
    return result


def captured_show(*args, **kwargs):
    if CAPTURE is not None:
        for number in plt.get_fignums():
            fig = plt.figure(number)
            CAPTURE.entry(fig)["shown"] = True
            CAPTURE.keep(fig)


def captured_pie(self, *args, **kwargs):
    result = ORIGINAL_PIE(self, *args, **kwargs)
    wedges, texts = result[0], result[1]
    autotexts = result[2] if len(result) > 2 else []
    if not hasattr(self, "_mc_pies"):
        self._mc_pies = []
    self._mc_pies.append((list(wedges), list(texts), list(autotexts)))
    return result


def captured_use(backend, *args, **kwargs):
    if CAPTURE is not None:
        CAPTURE.backend_requests.append(str(backend))


def install_hooks():
    matplotlib.figure.Figure.savefig = captured_savefig
    Axes.pie = captured_pie
    plt.show = captured_show
    matplotlib.use = captured_use


# --- introspection: a figure as JSON -----------------------------------------------------------

def rgb(color):
    try:
        r, g, b, _ = mcolors.to_rgba(color)
        return [round(r, 4), round(g, 4), round(b, 4)]
    except Exception:
        return None


def visible_text(text):
    return text is not None and text.get_visible() and text.get_text().strip() != ""


def describe_pie(ax):
    calls = getattr(ax, "_mc_pies", None)
    if calls:
        wedges = [w for call in calls for w in call[0]]
        labels = [t.get_text() for call in calls for t in call[1] if visible_text(t)]
        autopct = [t.get_text() for call in calls for t in call[2] if visible_text(t)]
    else:  # wedges drawn some other way: angles and colours still tell the story
        wedges = [p for p in ax.patches if isinstance(p, Wedge)]
        labels, autopct = [], []
    wedges = [w for w in wedges if w.get_visible() and w in ax.patches]
    if not wedges:
        return None
    out = []
    for w in wedges:
        span = (w.theta2 - w.theta1) % 360 or (360.0 if w.theta2 != w.theta1 else 0.0)
        label = w.get_label()
        out.append({"label": "" if label.startswith("_") else label,
                    "theta1": round(w.theta1, 3), "theta2": round(w.theta2, 3),
                    "fraction": round(span / 360.0, 5), "color": rgb(w.get_facecolor()),
                    "center": [round(float(c), 4) for c in w.center]})
    return {"wedges": out, "labels": labels, "autopct": autopct}


def describe_axes(ax):
    info = {"title": ax.get_title() or ax.get_title("left") or ax.get_title("right"),
            "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(), "kinds": []}
    pie = describe_pie(ax)
    if pie:
        info["kinds"].append("pie")
        info["pie"] = pie
    bars = []
    for container in ax.containers:
        if isinstance(container, BarContainer):
            for patch in container.patches:
                bars.append({"x": float(patch.get_x()), "height": float(patch.get_height()),
                             "width": float(patch.get_width()), "color": rgb(patch.get_facecolor()),
                             "label": container.get_label()})
    if bars:
        info["kinds"].append("bar")
        info["bars"] = bars
    lines = [{"label": line.get_label(), "color": rgb(line.get_color()),
              "points": len(line.get_xdata())}
             for line in ax.get_lines() if line.get_visible()]
    if lines:
        info["kinds"].append("line")
        info["lines"] = lines
    scatter = []
    for collection in ax.collections:
        if isinstance(collection, PathCollection) and collection.get_visible():
            colors = collection.get_facecolor()
            scatter.append({"label": collection.get_label(), "points": len(collection.get_offsets()),
                            "color": rgb(colors[0]) if len(colors) else None})
    if scatter:
        info["kinds"].append("scatter")
        info["scatter"] = scatter
    legend = ax.get_legend()
    info["legend"] = ([t.get_text() for t in legend.get_texts()]
                      if legend is not None and legend.get_visible() else None)
    return info


def describe_figure(fig):
    suptitle = getattr(fig, "_suptitle", None)
    legends = [[t.get_text() for t in legend.get_texts()] for legend in fig.legends
               if legend.get_visible()]
    return {"suptitle": suptitle.get_text() if visible_text(suptitle) else "",
            "legends": legends,
            "axes": [describe_axes(ax) for ax in fig.axes if ax.get_visible()]}


# --- running one answer ------------------------------------------------------------------------

def last_traceback_line(error):
    import traceback

    lines = traceback.format_exception_only(type(error), error)
    return lines[-1].strip() if lines else type(error).__name__


def execute_answer(job_dir):
    """Runs answer.py in this process (cwd = job_dir) and writes .harness/result.json."""
    global CAPTURE
    import random

    CAPTURE = Capture(job_dir)
    random.seed(0)
    try:
        import numpy

        numpy.random.seed(0)
    except ImportError:
        pass
    report = {"status": "ok", "exit_code": 0}
    reporter = os.getpid()
    started = time.perf_counter()
    try:
        with open("answer.py", encoding="utf-8", errors="replace") as f:
            source = f.read()
        sys.argv = ["answer.py"]
        code = compile(source, "answer.py", "exec")
        exec(code, {"__name__": "__main__", "__file__": "answer.py", "__builtins__": __builtins__})
    except SystemExit as stop:
        code = stop.code
        report["status"] = "exited"
        report["exit_code"] = code if isinstance(code, int) else (0 if code is None else 1)
    except BaseException as error:  # noqa: B902 - the answer's failure is what we report
        report["status"] = "exception"
        report["exception"] = type(error).__name__
        report["error"] = last_traceback_line(error)
        if isinstance(error, OSError) and error.errno is not None:
            report["errno"] = error.errno
    if os.getpid() != reporter:
        os._exit(0)  # a process the answer forked: only the answer's own process reports
    report["run_ms"] = round((time.perf_counter() - started) * 1000, 1)
    CAPTURE_FINAL = CAPTURE
    CAPTURE = None  # from here on, our own drawing is not the answer's
    try:
        for number in plt.get_fignums():
            fig = plt.figure(number)
            e = CAPTURE_FINAL.entry(fig)
            if e["snapshot"] is None:
                CAPTURE_FINAL.keep(fig)
        figures = []
        for index, e in enumerate(CAPTURE_FINAL.entries):
            if e["snapshot"] is None:
                CAPTURE_FINAL.keep(e["figure"])
            figures.append({"index": index + 1, "saves": e["saves"], "shown": e["shown"],
                            "png": e["png"], "png_error": e.get("png_error"), **e["snapshot"]})
        report["figures"] = figures
    except BaseException as error:  # noqa: B902
        report["figures"] = []
        report["introspection_error"] = last_traceback_line(error)
    report["backend_requests"] = CAPTURE_FINAL.backend_requests
    sys.stdout.flush()
    sys.stderr.flush()
    with open(os.path.join(HARNESS_DIR, "result.json"), "w") as out:
        json.dump(report, out)


def redirect_stdio(job_dir):
    os.makedirs(os.path.join(job_dir, HARNESS_DIR), exist_ok=True)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
        target = os.open(os.path.join(job_dir, HARNESS_DIR, name),
                         os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    os.close(devnull)
    os.closerange(3, 1 << 16)
    sys.stdin = open(0, closefd=False)
    sys.stdout = open(1, "w", closefd=False, buffering=1)
    sys.stderr = open(2, "w", closefd=False, buffering=1)


def run_one(job_dir):
    install_hooks()
    os.chdir(job_dir)
    redirect_stdio(".")
    execute_answer(".")
    os._exit(0)


# --- fork server -------------------------------------------------------------------------------

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8


def libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def unshare_job_namespaces():
    """A PID and a mount namespace per job: the answer cannot address the server (its getppid()
    is 0), everything it forks dies with it, and its own /proc (mounted by the job process) does
    not list the server. Needs the server's capabilities inside its user namespace; without them
    the job still runs, in the server's namespaces."""
    return libc().unshare(CLONE_NEWPID | CLONE_NEWNS) == 0


def mount_private_proc():
    return libc().mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None) == 0


class Worker:
    """A job process forked ahead of time, waiting for its job, so that a request does not wait
    for fork(), unshare() and the second fork()."""

    def __init__(self):
        self.used = False
        job_read, self.job_write = os.pipe()
        self.status_read, status_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                os.close(self.job_write)
                os.close(self.status_read)
                worker_main(job_read, status_write)
            finally:
                os._exit(70)
        os.close(job_read)
        os.close(status_write)


def worker_main(job_read, status_write):
    """The server's child: its own session and namespaces, and a grandchild (PID 1 there) that
    waits for the job and runs it. Reports the grandchild's wait status."""
    import resource

    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):  # the server's protocol stays the server's
        os.dup2(devnull, fd)
    os.setsid()
    isolated = unshare_job_namespaces()
    pid = os.fork()
    if pid == 0:
        os.close(status_write)
        request = b""
        while True:
            chunk = os.read(job_read, 1 << 20)
            if not chunk:
                break
            request += chunk
        if not request:
            os._exit(0)  # the server is gone or stopping
        request = json.loads(request)
        proc = isolated and mount_private_proc()
        cpu = int(request.get("cpu_seconds", 10))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        os.chdir(request["dir"])
        redirect_stdio(".")
        try:
            execute_answer(".")
        finally:
            os._exit(0)
    os.close(job_read)
    _, status = os.waitpid(pid, 0)
    os.write(status_write, ("%d %d\n" % (status, 1 if isolated else 0)).encode())
    os._exit(0)


def serve_job(request, worker):
    import re
    import select
    import signal

    name = str(request.get("job", ""))
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", name) or name.startswith("."):
        return {"job": name, "status": "bad_request", "error": "bad job name"}
    job_dir = os.path.join(os.getcwd(), "jobs", name)
    os.makedirs(os.path.join(job_dir, "imgs"), exist_ok=True)
    os.makedirs(os.path.join(job_dir, HARNESS_DIR), exist_ok=True)
    with open(os.path.join(job_dir, "answer.py"), "w", encoding="utf-8") as f:
        f.write(request.get("code", ""))
    timeout = float(request.get("timeout_ms", 10000)) / 1000.0
    started = time.monotonic()
    job = json.dumps({"dir": job_dir, "cpu_seconds": request.get("cpu_seconds", 10)}).encode()
    worker.used = True
    try:
        os.write(worker.job_write, job)
    except OSError:
        pass  # the worker died early; its status says how
    os.close(worker.job_write)
    ready, _, _ = select.select([worker.status_read], [], [], timeout)
    timed_out = not ready
    if timed_out:
        for target in (-worker.pid, worker.pid):  # the job's session, and so its PID namespace
            try:
                os.kill(target, signal.SIGKILL)
            except ProcessLookupError:
                pass
    report = b""
    if not timed_out:
        report = os.read(worker.status_read, 64)
    os.close(worker.status_read)
    _, child_status = os.waitpid(worker.pid, 0)
    try:
        os.killpg(worker.pid, signal.SIGKILL)  # anything the answer left in the job's group
    except (ProcessLookupError, PermissionError):
        pass
    reply = {"job": name, "timed_out": timed_out,
             "wall_ms": round((time.monotonic() - started) * 1000, 1)}
    if report.strip():
        status, isolated = (int(x) for x in report.split())
        reply["pid_namespace"] = bool(isolated)
    else:  # the job's own child died before it could report (e.g. the answer killed its group)
        status = child_status
    if os.WIFEXITED(status):
        reply["exit_code"] = os.WEXITSTATUS(status)
    elif os.WIFSIGNALED(status):
        reply["signal"] = os.WTERMSIG(status)
    return reply


def warm_up():
    import matplotlib.font_manager  # noqa: F401 - builds or loads the font cache now

    try:
        import numpy  # noqa: F401
        import PIL.Image  # noqa: F401
    except ImportError:
        pass
    import io

    fig = plt.figure()
    fig.add_subplot().pie([1, 2], labels=["a", "b"], autopct="%1.1f%%")
    fig.legend()
    for fmt in ("png", "jpg"):  # imports the image writers once, not in every job
        ORIGINAL_SAVEFIG(fig, io.BytesIO(), format=fmt)
    plt.close("all")


def serve():
    import gc

    install_hooks()
    warm_up()
    # Objects made so far are never collected, so the collector does not touch (and copy) the
    # server's pages in every forked job.
    gc.collect()
    gc.freeze()
    out = sys.stdout
    out.write(json.dumps({"ready": True, "python": sys.version.split()[0],
                          "matplotlib": matplotlib.__version__}) + "\n")
    out.flush()
    worker = Worker()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = serve_job(json.loads(line), worker)
        except Exception as error:  # noqa: B902 - a bad request must not end the server
            reply = {"status": "bad_request", "error": last_traceback_line(error)}
        out.write(json.dumps(reply) + "\n")
        out.flush()
        if worker.used or not worker_alive(worker):
            worker = Worker()  # while the host scores this answer


def worker_alive(worker):
    try:
        return os.waitpid(worker.pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return False


def floor():
    """The bench floor: reads one answer path per stdin line, execs it in this warm interpreter
    with nothing else around it, and answers with the milliseconds it took."""
    warm_up()
    print("ready", flush=True)
    for line in sys.stdin:
        path = line.strip()
        with open(path) as f:
            code = compile(f.read(), path, "exec")
        started = time.perf_counter()
        exec(code, {"__name__": "__main__"})
        elapsed = (time.perf_counter() - started) * 1000
        plt.close("all")
        print("%.3f" % elapsed, flush=True)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "serve":
        serve()
    elif len(sys.argv) >= 3 and sys.argv[1] == "run":
        run_one(sys.argv[2])
    elif len(sys.argv) == 2 and sys.argv[1] == "floor":
        floor()
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
