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

# Moments of one job (time.monotonic(), the clock the host's steady_clock reads too), reported in
# result.json so the bench can say where a job's time goes. Cheap enough to keep always.
TIMELINE = {}


def mark(name):
    TIMELINE[name] = time.monotonic()
    TIMELINE["cpu_" + name] = time.process_time()


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
        started = time.monotonic()
        try:
            self.keep_untimed(fig, rendered_png, just_saved)
        finally:
            TIMELINE["capture_s"] = TIMELINE.get("capture_s", 0.0) + time.monotonic() - started

    def keep_untimed(self, fig, rendered_png=None, just_saved=False):
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
    hand (unfiltered rows, zlib level 1): twice as fast as PIL's encoder for these pictures, and
    the rows are laid out by numpy (matplotlib's own dependency) rather than row by row."""
    import struct
    import zlib

    import numpy

    renderer = getattr(fig.canvas, "renderer", None)
    if renderer is None or not hasattr(renderer, "buffer_rgba"):
        return False
    width, height = int(renderer.width), int(renderer.height)
    pixels = numpy.frombuffer(renderer.buffer_rgba(), dtype=numpy.uint8)
    if pixels.size != width * height * 4:
        return False
    rows = numpy.zeros((height, width * 4 + 1), dtype=numpy.uint8)  # each row: filter type 0
    rows[:, 1:] = pixels.reshape(height, width * 4)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with open(target, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)))
        out.write(chunk(b"IDAT", zlib.compress(rows, 1)))
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


def execute_answer(job_dir, done_fd=None):
    """Runs answer.py in this process (cwd = job_dir) and writes .harness/result.json, then says
    "done" on done_fd (the fork server's cue that the job's outputs are complete)."""
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
    mark("answer_start")
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
    mark("answer_end")
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
    mark("result_written")
    report["timeline"] = TIMELINE
    with open(os.path.join(HARNESS_DIR, "result.json"), "w") as out:
        json.dump(report, out)
    if done_fd is not None:
        os.write(done_fd, b"done\n")


def redirect_stdio(job_dir, keep_fd=None):
    os.makedirs(os.path.join(job_dir, HARNESS_DIR), exist_ok=True)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
        target = os.open(os.path.join(job_dir, HARNESS_DIR, name),
                         os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    os.close(devnull)
    if keep_fd is None:
        os.closerange(3, 1 << 16)
    else:
        os.closerange(3, keep_fd)
        os.closerange(keep_fd + 1, 1 << 16)
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
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 0x4000, 0x40000


def libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


class JobNamespaces:
    """A new PID namespace for each job process the server forks: the answer cannot address the
    server (its getppid() is 0) and everything it forks dies with it. The server switches the
    namespace its next child is born into (unshare) and back to its own first (setns), so the
    job process is the server's own child, forked by os.fork(), with no process in between.
    Needs the server's capabilities inside its user namespace; without them jobs run in the
    server's PID namespace."""

    def __init__(self):
        try:
            self.own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            self.own = -1

    def fork(self):
        """os.fork() into a new PID namespace. Returns (pid, isolated)."""
        c = libc()
        isolated = (self.own >= 0 and c.setns(self.own, CLONE_NEWPID) == 0
                    and c.unshare(CLONE_NEWPID) == 0)
        return os.fork(), isolated


def mount_private_proc():
    """In the job's own mount namespace: nothing it mounts propagates back to the server's."""
    c = libc()
    c.mount(None, b"/", None, MS_REC | MS_PRIVATE, None)
    return c.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None) == 0


PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_CHILD_SUBREAPER = 36
# NOROOT, NO_SETUID_FIXUP and KEEP_CAPS, each locked: uid 0 never regains capabilities.
SECURE_NOROOT_LOCKED = 0x01 | 0x02 | 0x04 | 0x08 | 0x20
CAPABILITY_VERSION_3 = 0x20080522


def drop_capabilities():
    """The job process is root in the server's user namespace, with every capability there:
    enough to unmount its /proc and find the server beneath, or to ptrace it. Before the answer
    runs it gives them all up, for good (securebits locked: not even exec of a setuid program
    as uid 0 brings them back). Returns whether it could."""
    import ctypes

    c = libc()
    if c.prctl(PR_SET_SECUREBITS, SECURE_NOROOT_LOCKED, 0, 0, 0) != 0:
        return False
    cap = 0
    while c.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
        cap += 1
    header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable, twice: all empty
    return c.capset(header, data) == 0
MADV_POPULATE_WRITE = 23  # Linux 5.14


def writable_private_mappings():
    """(start, end) of this process's private writable mappings: the pages a fork shares
    copy-on-write."""
    mappings = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            name = fields[5] if len(fields) > 5 else ""
            if fields[1][:2] != "rw" or fields[1][3] != "p":
                continue
            if name.startswith("[") and name != "[heap]":
                continue  # the stack, vvar, vsyscall
            start, end = (int(x, 16) for x in fields[0].split("-"))
            mappings.append((start, end))
    return mappings


def written_page_ranges(mappings):
    """(address, length) runs of the pages in `mappings` this forked process now holds alone
    (pagemap: present and exclusively mapped), i.e. copied or first touched since the fork. Runs
    closer than 4 pages are merged: populating a few extra pages costs less than a call."""
    import numpy

    page = os.sysconf("SC_PAGE_SIZE")
    ranges = []
    with open("/proc/self/pagemap", "rb", buffering=0) as pagemap:
        for start, end in mappings:
            pagemap.seek(start // page * 8)
            entries = numpy.frombuffer(pagemap.read((end - start) // page * 8), dtype="<u8")
            written = numpy.flatnonzero((entries >> 63) & (entries >> 56) & 1)
            if not written.size:
                continue
            breaks = numpy.flatnonzero(numpy.diff(written) > 4)
            firsts = numpy.concatenate(([written[0]], written[breaks + 1]))
            lasts = numpy.concatenate((written[breaks], [written[-1]]))
            ranges += [(start + int(a) * page, int(b - a + 1) * page)
                       for a, b in zip(firsts, lasts)]
    return ranges


def learn_job_pages():
    """Which of the server's pages a job writes. Every job is a fork of the server, and running
    matplotlib writes to a few thousand of the pages it shares (reference counts, caches, the
    allocator's pools), each one a copy-on-write fault in the middle of the answer. A probe child
    draws, saves and describes the warm-up figure the way a job does and reports the pages it
    copied; each job process then copies those pages in one madvise() per run while it waits for
    its job (prewarm_pages), off the answer's path and cheaper than faulting them one by one.
    Learned once from the harness's own drawing: nothing a job does changes it."""
    mappings = writable_private_mappings()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            fig = warm_up_figure(formats=("jpg",))  # one save, as in the lab's answers
            describe_figure(fig)
            write_rendered_buffer(fig, os.devnull)
            plt.close("all")
            data = json.dumps(written_page_ranges(mappings)).encode()
            while data:
                data = data[os.write(write_fd, data):]
        finally:
            os._exit(0)
    os.close(write_fd)
    chunks = []
    while True:
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_fd)
    os.waitpid(pid, 0)
    try:
        return [tuple(r) for r in json.loads(b"".join(chunks))]
    except ValueError:
        return []  # no pagemap here: jobs fault their pages in as they go


def prewarm_pages(ranges):
    """Copies the pages a job will write now, so the answer does not fault on them. Content is
    unchanged; a run that is no longer mapped is skipped."""
    import ctypes

    madvise = libc().madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    for address, length in ranges:
        if madvise(address, length, MADV_POPULATE_WRITE) != 0 and ctypes.get_errno() == 22:
            return  # EINVAL: a kernel before 5.14


class JobProcess:
    """The next job's process, forked ahead of time and waiting for its job, so that a request
    does not wait for the fork, the namespaces, /proc or the page copies. The server is its
    parent: it waits for it directly (a pidfd), kills it at the deadline and reaps it."""

    def __init__(self, namespaces, job_pages):
        self.used = False
        self.reaped = False
        self.status = None
        job_read, self.job_write = os.pipe()
        self.done_read, done_write = os.pipe()
        self.pid, self.isolated = namespaces.fork()
        if self.pid == 0:
            try:
                os.close(self.job_write)
                os.close(self.done_read)
                job_main(job_read, done_write, self.isolated, job_pages)
            finally:
                os._exit(70)
        os.close(job_read)
        os.close(done_write)
        self.pidfd = os.pidfd_open(self.pid)  # readable once it has ended

    def alive(self):
        import select

        if not self.reaped and select.select([self.pidfd], [], [], 0)[0]:
            self.reap()
        return not self.reaped

    def kill(self):
        """The job, so its PID namespace and everything the answer started in it, and its
        group (all there is without a PID namespace)."""
        import signal

        for target in (self.pid, -self.pid):
            try:
                os.kill(target, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def reap(self):
        """Waits until the job is gone and collects any other orphan (the server is their
        subreaper): nothing of this job outlives this call."""
        import signal

        if self.reaped:
            return
        self.reaped = True
        try:
            _, self.status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # collected as an orphan by the previous job's reap
            self.status = None
        try:
            os.killpg(self.pid, signal.SIGKILL)  # anything the answer left in the job's group
        except (ProcessLookupError, PermissionError):
            pass
        while True:
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    break
            except ChildProcessError:
                break
        for fd in (self.pidfd, self.done_read):
            os.close(fd)


def job_main(job_read, done_write, isolated, job_pages):
    """The job process: its own session, gets ready, waits for the job and runs it."""
    import math
    import resource
    import signal

    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):  # the server's protocol stays the server's
        os.dup2(devnull, fd)
    os.close(devnull)
    os.setsid()
    libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # the server's end is the job's
    # Its own mount namespace for its own /proc, which lists its PID namespace only.
    if isolated and libc().unshare(CLONE_NEWNS) == 0:
        mount_private_proc()
    drop_capabilities()
    prewarm_pages(job_pages)
    mark("ready")
    request = b""
    while True:
        chunk = os.read(job_read, 1 << 20)
        if not chunk:
            break
        request += chunk
    if not request:
        os._exit(0)  # the server is gone or stopping
    mark("job_received")
    request = json.loads(request)
    os.close(job_read)
    # The answer's own CPU seconds, on top of what getting ready took.
    cpu = int(request.get("cpu_seconds", 10)) + math.ceil(sum(os.times()[:2]))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    os.chdir(request["dir"])
    redirect_stdio(".", keep_fd=done_write)
    mark("setup_done")
    try:
        execute_answer(".", done_fd=done_write)
    finally:
        os._exit(0)


def serve_job(request, job):
    import re
    import select

    received = time.monotonic()
    name = str(request.get("job", ""))
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", name) or name.startswith("."):
        return {"job": name, "status": "bad_request", "error": "bad job name"}
    job_dir = os.path.join(os.getcwd(), "jobs", name)
    # Made afresh: an earlier answer may have planted files (or a link) where this one's
    # folder goes, since the jobs' folders are side by side.
    if os.path.islink(job_dir) or os.path.isfile(job_dir):
        os.unlink(job_dir)
    elif os.path.isdir(job_dir):
        import shutil

        shutil.rmtree(job_dir)
    os.makedirs(os.path.join(job_dir, "imgs"))
    os.makedirs(os.path.join(job_dir, HARNESS_DIR))
    with open(os.path.join(job_dir, "answer.py"), "w", encoding="utf-8") as f:
        f.write(request.get("code", ""))
    timeout = float(request.get("timeout_ms", 10000)) / 1000.0
    started = time.monotonic()
    timeline = {"request_received": received, "folder_ready": started}
    order = json.dumps({"dir": job_dir, "cpu_seconds": request.get("cpu_seconds", 10)}).encode()
    job.used = True
    try:
        os.write(job.job_write, order)
    except OSError:
        pass  # the job process died early; its status says how
    os.close(job.job_write)
    # The job says "done" once its outputs are written; a job that ends without saying so (a
    # crash, os._exit, a signal, a limit) is told by its wait status.
    deadline = started + timeout
    watched = [job.done_read, job.pidfd]
    done = timed_out = False
    while True:
        left = deadline - time.monotonic()
        ready = select.select(watched, [], [], left)[0] if left > 0 else []
        if not ready:
            timed_out = True
            break
        if job.done_read in ready:
            said = os.read(job.done_read, 64)
            if said.endswith(b"done\n"):
                done = True
                break
            if not said:
                watched.remove(job.done_read)  # the job (and all it forked) let go of it
        if job.pidfd in ready:
            break
    timeline["job_ended"] = time.monotonic()
    if done or timed_out:
        # Done: its outputs are complete; whatever the answer left running dies now and is
        # reaped after the reply (JobProcess.reap), before the next job process is forked.
        job.kill()
    if not done:
        job.reap()
    timeline["reply_ready"] = time.monotonic()
    reply = {"job": name, "timed_out": timed_out, "pid_namespace": job.isolated,
             "wall_ms": round((time.monotonic() - started) * 1000, 1), "timeline": timeline}
    if done or job.status is None:
        reply["exit_code"] = 0
    elif os.WIFEXITED(job.status):
        reply["exit_code"] = os.WEXITSTATUS(job.status)
    elif os.WIFSIGNALED(job.status):
        reply["signal"] = os.WTERMSIG(job.status)
    return reply


def warm_up_figure(formats=("png", "jpg")):
    """Draws, as answers do, a pie with labels, percentages, a title and a legend, and saves it
    (the first save of each format imports its writer). Returns it, still open."""
    import io

    fig = plt.figure()
    ax = fig.add_subplot()
    ax.pie([1, 2], labels=["a", "b"], autopct="%1.1f%%", explode=(0.1, 0))
    ax.set_title("warm-up")
    fig.legend()
    for fmt in formats:
        ORIGINAL_SAVEFIG(fig, io.BytesIO(), format=fmt)
    return fig


def warm_up():
    import matplotlib.font_manager  # noqa: F401 - builds or loads the font cache now

    try:
        import numpy  # noqa: F401
        import PIL.Image  # noqa: F401
    except ImportError:
        pass
    warm_up_figure()
    plt.close("all")


def serve():
    import gc
    import resource

    install_hooks()
    warm_up()
    # Objects made so far are never collected, so the collector does not touch (and copy) the
    # server's pages in every forked job.
    gc.collect()
    gc.freeze()
    # Orphans of a job (what the answer forked, without a PID namespace) come back to the
    # server, which reaps them before the next job.
    libc().prctl(PR_SET_CHILD_SUBREAPER, 1)
    job_pages = learn_job_pages()
    # Not dumpable (nor its job processes, which inherit it): a process of the same uid without
    # CAP_SYS_PTRACE can neither ptrace it nor open its /proc files.
    libc().prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    out = sys.stdout
    out.write(json.dumps({"ready": True, "python": sys.version.split()[0],
                          "matplotlib": matplotlib.__version__,
                          "prewarm_pages": sum(length for _, length in job_pages)
                          // os.sysconf("SC_PAGE_SIZE")}) + "\n")
    out.flush()

    def cpu_seconds():
        own, children = (resource.getrusage(who) for who in
                         (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    namespaces = JobNamespaces()
    job = JobProcess(namespaces, job_pages)
    prefork_s = reap_s = 0.0
    cpu_before = cpu_seconds()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = serve_job(json.loads(line), job)
        except Exception as error:  # noqa: B902 - a bad request must not end the server
            reply = {"status": "bad_request", "error": last_traceback_line(error)}
        # The CPU the server and its jobs spent since the last reply (a job's is counted once it
        # is reaped, so the previous job's, its teardown and the fork of this job's process), and
        # how long the teardown and the fork took: costs kept off the reply's path.
        cpu_now = cpu_seconds()
        reply["cpu_ms"] = round((cpu_now - cpu_before) * 1000, 1)
        reply["reap_ms"] = round(reap_s * 1000, 1)
        reply["prefork_ms"] = round(prefork_s * 1000, 1)
        cpu_before = cpu_now
        out.write(json.dumps(reply) + "\n")
        out.flush()
        # While the host scores this answer: wait for this job's teardown (it was killed before
        # the reply, so nothing of it runs any more), then fork the next job process. Waiting
        # first leaves the CPU to the host, which is reading the reply.
        if job.used:
            reaping = time.monotonic()
            job.reap()
            reap_s = time.monotonic() - reaping
        if job.used or not job.alive():
            forking = time.monotonic()
            job = JobProcess(namespaces, job_pages)
            prefork_s = time.monotonic() - forking


def floor():
    """The bench floor: reads one answer path per stdin line, execs it in this warm interpreter
    with nothing else around it, and answers with the milliseconds it took."""
    warm_up()
    print("ready", flush=True)
    for line in sys.stdin:
        path = line.strip()
        with open(path) as f:
            code = compile(f.read(), path, "exec")
        started, cpu_started = time.perf_counter(), time.process_time()
        exec(code, {"__name__": "__main__"})
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
        plt.close("all")
        print("%.3f %.3f" % (elapsed, cpu), flush=True)


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
