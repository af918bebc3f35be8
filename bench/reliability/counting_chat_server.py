#!/usr/bin/env python3
"""An OpenAI-compatible chat server on 127.0.0.1 that counts the answers it completes.

  counting_chat_server.py PORT_FILE COUNT_FILE [LATENCY_MS]

Answers POST /v1/chat/completions (non-streamed) after LATENCY_MS, then adds one line to
COUNT_FILE for each answer fully written: that is a call the user would have paid for. Writes the
port it listens on to PORT_FILE. Stops on SIGTERM.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, count_file = sys.argv[1], sys.argv[2]
latency = (int(sys.argv[3]) if len(sys.argv) > 3 else 150) / 1000.0
count_lock = threading.Lock()


class ChatHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        prompt = request["messages"][-1]["content"]
        if isinstance(prompt, list):
            prompt = " ".join(p.get("text", "") for p in prompt)
        time.sleep(latency)
        answer = "echo: " + prompt
        body = json.dumps({
            "id": "chatcmpl-count", "object": "chat.completion", "created": int(time.time()),
            "model": request.get("model", "counted"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": answer}}],
            "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30},
        }).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            return  # the client went away (killed): not a completed call
        with count_lock, open(count_file, "a") as out:
            out.write(prompt.rsplit("(case ", 1)[-1].rstrip(")") + "\n")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a killed client resets its connections: expected here


server = QuietServer(("127.0.0.1", 0), ChatHandler)
server.daemon_threads = True
with open(port_file + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
