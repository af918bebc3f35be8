// A fast OpenAI-compatible chat server on 127.0.0.1 for bench/promptfoo/run.sh: it answers
// POST .../chat/completions after --latency-ms (a timer, so thousands of calls wait at once on one
// thread) with a fenced python block that calls plt.pie and a `usage` object, plain JSON or SSE as
// the request asks, over keep-alive connections. It counts the calls it answered by model:
// GET /stats returns the counts as JSON, POST /reset zeroes them, and they are printed on SIGTERM.
// GET /timeline returns, for each chat call since the last reset, [connection, request read,
// answer written] in microseconds since the reset: the calls in flight as the server saw them.
//   fake_openai_server --port-file FILE [--latency-ms N]
#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Counts {
  std::map<std::string, long> answered_by_model;
  long rejected = 0;  // requests that were not a valid chat completion
  std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();
  std::vector<std::array<long long, 3>> timeline;  // connection, read, written (us since `since`)

  long long now_us() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 since)
        .count();
  }

  nlohmann::json to_json() const {
    long total = 0;
    for (const auto& [model, n] : answered_by_model) total += n;
    return {{"answered", total}, {"by_model", answered_by_model}, {"rejected", rejected}};
  }
};

// What a model answers to "draw a pie chart": prose, one fenced python block, prose.
constexpr std::string_view answer_text =
    "Here is a matplotlib script that draws the pie chart:\n\n"
    "```python\n"
    "import matplotlib.pyplot as plt\n\n"
    "labels = [\"Alpha\", \"Beta\", \"Gamma\", \"Delta\", \"Epsilon\"]\n"
    "sizes = [30, 25, 20, 15, 10]\n"
    "colors = plt.cm.tab10.colors[: len(sizes)]\n\n"
    "fig, ax = plt.subplots(figsize=(6, 6))\n"
    "ax.pie(sizes, labels=labels, colors=colors, autopct=\"%1.1f%%\", startangle=90)\n"
    "plt.pie(sizes, labels=labels, autopct=\"%1.1f%%\")\n"
    "ax.axis(\"equal\")\n"
    "plt.title(\"Share by category\")\n"
    "plt.tight_layout()\n"
    "plt.savefig(\"pie.png\")\n"
    "```\n\n"
    "The slices are labelled with their percentages and start at 12 o'clock.";

std::string completion_json(const std::string& model, long id, int prompt_tokens) {
  const int completion_tokens = 142;
  nlohmann::json body = {
      {"id", "chatcmpl-bench-" + std::to_string(id)},
      {"object", "chat.completion"},
      {"created", 1764288000},
      {"model", model},
      {"system_fingerprint", "fp_bench"},
      {"choices",
       {{{"index", 0},
         {"message", {{"role", "assistant"}, {"content", answer_text}, {"refusal", nullptr}}},
         {"logprobs", nullptr},
         {"finish_reason", "stop"}}}},
      {"usage",
       {{"prompt_tokens", prompt_tokens},
        {"completion_tokens", completion_tokens},
        {"total_tokens", prompt_tokens + completion_tokens}}}};
  return body.dump();
}

// The same answer as server-sent events: a role chunk, content in pieces, a finish chunk, a usage
// chunk when asked for, and [DONE].
std::string completion_sse(const std::string& model, long id, int prompt_tokens,
                           bool include_usage) {
  const int completion_tokens = 142;
  auto chunk = [&](nlohmann::json delta, nlohmann::json finish) {
    nlohmann::json c = {
        {"id", "chatcmpl-bench-" + std::to_string(id)},
        {"object", "chat.completion.chunk"},
        {"created", 1764288000},
        {"model", model},
        {"choices", {{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", finish}}}}};
    return "data: " + c.dump() + "\n\n";
  };
  std::string out = chunk({{"role", "assistant"}, {"content", ""}}, nullptr);
  constexpr std::size_t piece = 48;
  for (std::size_t at = 0; at < answer_text.size(); at += piece)
    out += chunk({{"content", std::string(answer_text.substr(at, piece))}}, nullptr);
  out += chunk(nlohmann::json::object(), "stop");
  if (include_usage) {
    nlohmann::json u = {{"id", "chatcmpl-bench-" + std::to_string(id)},
                        {"object", "chat.completion.chunk"},
                        {"created", 1764288000},
                        {"model", model},
                        {"choices", nlohmann::json::array()},
                        {"usage",
                         {{"prompt_tokens", prompt_tokens},
                          {"completion_tokens", completion_tokens},
                          {"total_tokens", prompt_tokens + completion_tokens}}}};
    out += "data: " + u.dump() + "\n\n";
  }
  out += "data: [DONE]\n\n";
  return out;
}

class Server;

// One keep-alive connection: read a request, wait the latency on a timer, answer, repeat.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server& server, long id)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), server_(server), id_(id) {}
  void start() { read(); }

 private:
  void read();
  void on_read(beast::error_code ec);
  void answer();
  void write();

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  Server& server_;
  beast::flat_buffer buffer_;
  std::unique_ptr<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::string model_;
  long id_;
  long long read_us_ = -1;  // when the chat request being answered was read
};

class Server {
 public:
  Server(asio::io_context& io, std::chrono::milliseconds latency)
      : io_(io), acceptor_(io, {asio::ip::make_address("127.0.0.1"), 0}), latency_(latency) {}

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::chrono::milliseconds latency() const { return latency_; }
  Counts& counts() { return counts_; }
  long next_id() { return ++ids_; }
  long next_connection() { return ++connections_; }

  void accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Connection>(std::move(socket), *this, next_connection())->start();
      accept();
    });
  }
  void stop() { acceptor_.close(); }

 private:
  asio::io_context& io_;
  tcp::acceptor acceptor_;
  std::chrono::milliseconds latency_;
  Counts counts_;
  long ids_ = 0;
  long connections_ = 0;
};

void Connection::read() {
  parser_ = std::make_unique<http::request_parser<http::string_body>>();
  parser_->body_limit(64 * 1024 * 1024);
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Connection::on_read(beast::error_code ec) {
  if (ec) {  // closed by the client, or garbage: drop the connection
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return;
  }
  auto& request = parser_->get();
  response_ = {};
  response_.version(request.version());
  response_.keep_alive(request.keep_alive());
  response_.set(http::field::server, "fake-openai-bench");

  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  if (request.method() == http::verb::get && path == "/stats") {
    response_.result(http::status::ok);
    response_.set(http::field::content_type, "application/json");
    response_.body() = server_.counts().to_json().dump();
    return write();
  }
  if (request.method() == http::verb::get && path == "/timeline") {
    response_.result(http::status::ok);
    response_.set(http::field::content_type, "application/json");
    response_.body() = nlohmann::json(server_.counts().timeline).dump();
    return write();
  }
  if (request.method() == http::verb::post && path == "/reset") {
    server_.counts() = {};
    response_.result(http::status::ok);
    response_.set(http::field::content_type, "application/json");
    response_.body() = "{}";
    return write();
  }
  const bool chat = request.method() == http::verb::post && path.ends_with("/chat/completions");
  auto body = chat ? nlohmann::json::parse(request.body(), nullptr, false) : nlohmann::json();
  if (!chat || body.is_discarded() || !body.is_object() || !body.contains("messages")) {
    ++server_.counts().rejected;
    response_.result(chat ? http::status::bad_request : http::status::not_found);
    response_.set(http::field::content_type, "application/json");
    response_.body() = R"({"error":{"message":"not a chat completion request","type":"bench"}})";
    return write();
  }
  read_us_ = server_.counts().now_us();
  model_ = body.value("model", std::string("unknown"));
  const bool stream = body.value("stream", false);
  bool include_usage = false;
  if (auto so = body.find("stream_options"); so != body.end() && so->is_object())
    include_usage = so->value("include_usage", false);
  // A rough token count: four bytes a token, as the tokenizers average on English prose.
  const int prompt_tokens = static_cast<int>(request.body().size() / 4);
  const long id = server_.next_id();

  response_.result(http::status::ok);
  if (stream) {
    response_.set(http::field::content_type, "text/event-stream");
    response_.body() = completion_sse(model_, id, prompt_tokens, include_usage);
  } else {
    response_.set(http::field::content_type, "application/json");
    response_.body() = completion_json(model_, id, prompt_tokens);
  }
  if (server_.latency().count() == 0) return answer();
  timer_.expires_after(server_.latency());
  timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (!ec) self->answer();
  });
}

void Connection::answer() {
  ++server_.counts().answered_by_model[model_];
  write();
}

void Connection::write() {
  response_.prepare_payload();
  http::async_write(stream_, response_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return;
                      if (self->read_us_ >= 0) {
                        auto& counts = self->server_.counts();
                        counts.timeline.push_back({self->id_, self->read_us_, counts.now_us()});
                        self->read_us_ = -1;
                      }
                      if (!self->response_.keep_alive()) {
                        beast::error_code ignored;
                        self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                        return;
                      }
                      self->read();
                    });
}

}  // namespace

int main(int argc, char** argv) {
  std::string port_file;
  long latency_ms = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--port-file" && i + 1 < argc) {
      port_file = argv[++i];
    } else if (arg == "--latency-ms" && i + 1 < argc) {
      latency_ms = std::stol(argv[++i]);
    } else {
      std::cerr << "usage: fake_openai_server --port-file FILE [--latency-ms N]\n";
      return 2;
    }
  }
  if (port_file.empty() || latency_ms < 0) {
    std::cerr << "usage: fake_openai_server --port-file FILE [--latency-ms N]\n";
    return 2;
  }

  asio::io_context io(1);
  Server server(io, std::chrono::milliseconds(latency_ms));
  server.accept();
  {  // written whole, then renamed, so a reader never sees half a port number
    const std::string partial = port_file + ".partial";
    std::ofstream(partial) << server.port() << "\n";
    std::rename(partial.c_str(), port_file.c_str());
  }
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    std::cout << server.counts().to_json().dump() << std::endl;
    server.stop();
    io.stop();
  });
  io.run();
  return 0;
}
