// The HTTP client against a scripted server over plain HTTP on 127.0.0.1.
#include "http/http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "fake_http_server.hpp"
#include "run_awaitable.hpp"

namespace modelcompare::http {
namespace {

using namespace std::chrono_literals;
using testing::FakeHttpServer;
using testing::ReceivedRequest;
using testing::run_awaitable;
using testing::ScriptedReply;

std::unique_ptr<sdk::HttpClient> direct_client(boost::asio::io_context& io) {
  HttpClientOptions options;
  options.proxy = ProxySettings{};  // never the machine's proxy variables
  return make_http_client(io, options);
}

sdk::HttpResponse send(boost::asio::io_context& io, sdk::HttpClient& client,
                       const sdk::HttpRequest& request) {
  return run_awaitable(io, client.send(request));
}

sdk::HttpRequest post(const FakeHttpServer& server, std::string path, std::string body = "{}") {
  sdk::HttpRequest request;
  request.url = server.base_url() + path;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = std::move(body);
  return request;
}

TEST(HttpClient, SendsMethodTargetHeadersAndBodyAndReadsTheResponse) {
  FakeHttpServer server([](const ReceivedRequest&) {
    return ScriptedReply::json(201, R"({"ok":true})", {{"apim-request-id", "abc-123"}});
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  auto request = post(server, "/openai/x?api-version=2024-10-21", R"({"messages":[]})");
  request.headers.emplace_back("api-key", "k");
  const auto response = send(io, *client, request);

  ASSERT_EQ(response.error, sdk::TransportError::none) << response.error_message;
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"ok":true})");
  EXPECT_EQ(response.header("APIM-Request-Id").value_or(""), "abc-123");
  const auto received = server.requests();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].target, "/openai/x?api-version=2024-10-21");
  EXPECT_EQ(received[0].header("api-key").value_or(""), "k");
  EXPECT_EQ(received[0].header("Host").value_or(""), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(received[0].header("Content-Type").value_or(""), "application/json");
  EXPECT_EQ(received[0].body, R"({"messages":[]})");
}

TEST(HttpClient, KeepsOneConnectionAliveAcrossSequentialRequests) {
  FakeHttpServer server([](const ReceivedRequest&) { return ScriptedReply::json(200, "{}"); });
  boost::asio::io_context io;
  auto client = direct_client(io);
  for (int i = 0; i < 3; ++i) {
    const auto response = send(io, *client, post(server, "/"));
    ASSERT_EQ(response.status, 200) << response.error_message;
  }
  EXPECT_EQ(server.connections_accepted(), 1);
}

TEST(HttpClient, ServesManyConcurrentCoroutinesOnOneThread) {
  FakeHttpServer server([](const ReceivedRequest& request) {
    auto reply = ScriptedReply::json(200, "echo:" + request.body);
    reply.delay_before_headers = 50ms;
    return reply;
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  constexpr int kCount = 8;
  std::vector<sdk::HttpRequest> requests;
  for (int i = 0; i < kCount; ++i) requests.push_back(post(server, "/", std::to_string(i)));
  std::vector<sdk::HttpResponse> responses(kCount);
  for (int i = 0; i < kCount; ++i) {
    boost::asio::co_spawn(
        io,
        [&, i]() -> boost::asio::awaitable<void> {
          responses[i] = co_await client->send(requests[i]);
        },
        boost::asio::detached);
  }
  io.run();
  for (int i = 0; i < kCount; ++i) {
    EXPECT_EQ(responses[i].status, 200) << responses[i].error_message;
    EXPECT_EQ(responses[i].body, "echo:" + std::to_string(i));
  }
  EXPECT_EQ(server.connections_accepted(), kCount);  // HTTP/1.1: one exchange per connection
  // A second wave reuses the pooled connections.
  io.restart();
  for (int i = 0; i < kCount; ++i) {
    boost::asio::co_spawn(
        io,
        [&, i]() -> boost::asio::awaitable<void> {
          responses[i] = co_await client->send(requests[i]);
        },
        boost::asio::detached);
  }
  io.run();
  EXPECT_EQ(server.connections_accepted(), kCount);
}

TEST(HttpClient, DeliversAStreamedBodyPieceByPieceAsItArrives) {
  FakeHttpServer server([](const ReceivedRequest&) {
    return ScriptedReply::sse({R"({"n":1})", R"({"n":2})", "[DONE]"}, {}, 80ms);
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  auto request = post(server, "/");
  std::vector<std::string> pieces;
  request.on_body_chunk = [&](std::string_view piece) {
    pieces.emplace_back(piece);
    return true;
  };
  const auto response = send(io, *client, request);
  ASSERT_EQ(response.error, sdk::TransportError::none) << response.error_message;
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  EXPECT_GE(pieces.size(), 3u);  // the pieces were 80 ms apart, so they cannot arrive as one read
  std::string joined;
  for (const auto& piece : pieces) joined += piece;
  EXPECT_EQ(joined, "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n");
}

TEST(HttpClient, KeepsAnErrorBodyWholeEvenWhenStreaming) {
  FakeHttpServer server([](const ReceivedRequest&) {
    return ScriptedReply::json(429, R"({"error":{"code":"429"}})", {{"retry-after-ms", "300"}});
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  auto request = post(server, "/");
  int calls = 0;
  request.on_body_chunk = [&](std::string_view) { return ++calls, true; };
  const auto response = send(io, *client, request);
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.body, R"({"error":{"code":"429"}})");
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(response.header("retry-after-ms").value_or(""), "300");
}

TEST(HttpClient, StopsReadingWhenTheCallbackSaysSoAndDropsThatConnection) {
  FakeHttpServer server([](const ReceivedRequest&) {
    return ScriptedReply::sse({"1", "2", "3"}, {}, 50ms);
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  auto request = post(server, "/");
  int calls = 0;
  request.on_body_chunk = [&](std::string_view) { return ++calls < 1; };
  const auto response = send(io, *client, request);
  EXPECT_EQ(response.error, sdk::TransportError::none) << response.error_message;
  EXPECT_EQ(calls, 1);
  const auto again = send(io, *client, post(server, "/"));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(server.connections_accepted(), 2);
}

TEST(HttpClient, ReportsABodySlowerThanTheReadTimeout) {
  FakeHttpServer server([](const ReceivedRequest&) {
    ScriptedReply reply;
    reply.pieces = {{0ms, "data: first\n\n"}, {3000ms, "data: late\n\n"}};
    return reply;
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  auto request = post(server, "/");
  request.read_timeout = 300ms;
  const auto response = send(io, *client, request);
  EXPECT_EQ(response.error, sdk::TransportError::timeout);
  EXPECT_TRUE(response.body_started);
  EXPECT_NE(response.error_message.find("reading the response body from 127.0.0.1:"),
            std::string::npos)
      << response.error_message;
  EXPECT_NE(response.error_message.find("timed out after 300 ms"), std::string::npos)
      << response.error_message;
}

TEST(HttpClient, EnforcesTheTotalTimeoutOnATrickle) {
  FakeHttpServer server([](const ReceivedRequest&) {
    ScriptedReply reply;
    for (int i = 0; i < 40; ++i) reply.pieces.emplace_back(100ms, "x");
    return reply;
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  auto request = post(server, "/");
  request.read_timeout = 2000ms;
  request.total_timeout = 500ms;
  const auto response = send(io, *client, request);
  EXPECT_EQ(response.error, sdk::TransportError::timeout);
  EXPECT_NE(response.error_message.find("total timeout of 500 ms exceeded"), std::string::npos)
      << response.error_message;
}

TEST(HttpClient, NamesTheHostWhenTheConnectionIsRefused) {
  unsigned short port = 0;
  {
    boost::asio::io_context probe;
    boost::asio::ip::tcp::acceptor acceptor(probe, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }  // closed again: nothing listens there now
  boost::asio::io_context io;
  auto client = direct_client(io);
  sdk::HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/";
  const auto response = send(io, *client, request);
  EXPECT_EQ(response.error, sdk::TransportError::network);
  EXPECT_NE(response.error_message.find("cannot connect to 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << response.error_message;
}

TEST(HttpClient, ReportsAResetInTheMiddleOfTheBody) {
  FakeHttpServer server([](const ReceivedRequest&) {
    auto reply = ScriptedReply::json(200, std::string(4000, 'a'));
    reply.reset_after_bytes = 100;
    return reply;
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  const auto response = send(io, *client, post(server, "/"));
  EXPECT_EQ(response.error, sdk::TransportError::network);
  EXPECT_TRUE(response.body_started);
  EXPECT_NE(response.error_message.find("closed after 100 body bytes"), std::string::npos)
      << response.error_message;
}

TEST(HttpClient, CapsTheResponseSize) {
  FakeHttpServer server(
      [](const ReceivedRequest&) { return ScriptedReply::json(200, std::string(50'000, 'a')); });
  boost::asio::io_context io;
  auto client = direct_client(io);
  auto request = post(server, "/");
  request.max_response_bytes = 20'000;
  const auto response = send(io, *client, request);
  EXPECT_EQ(response.error, sdk::TransportError::too_large);
  EXPECT_NE(response.error_message.find("is larger than 20000 bytes"), std::string::npos)
      << response.error_message;
}

TEST(HttpClient, ClassifiesAMalformedResponse) {
  FakeHttpServer server([](const ReceivedRequest&) {
    ScriptedReply reply;
    reply.raw = "HTTP/1.1 two hundred OK\r\n\r\n";
    return reply;
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  const auto response = send(io, *client, post(server, "/"));
  EXPECT_EQ(response.error, sdk::TransportError::bad_response);
  EXPECT_NE(response.error_message.find("malformed response header from 127.0.0.1:"),
            std::string::npos)
      << response.error_message;
}

TEST(HttpClient, RetriesOnceWhenAPooledConnectionWasClosedWhileIdle) {
  FakeHttpServer server([](const ReceivedRequest&) {
    auto reply = ScriptedReply::json(200, "{}");
    reply.drop_after = true;  // the server forgets the connection without saying so
    return reply;
  });
  boost::asio::io_context io;
  auto client = direct_client(io);
  ASSERT_EQ(send(io, *client, post(server, "/")).status, 200);
  const auto second = send(io, *client, post(server, "/"));
  EXPECT_EQ(second.status, 200) << second.error_message;
  EXPECT_EQ(server.connections_accepted(), 2);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(HttpClient, RefusesUnsupportedSchemesWithAClearMessage) {
  boost::asio::io_context io;
  auto client = direct_client(io);
  sdk::HttpRequest request;
  request.url = "ftp://127.0.0.1/x";
  const auto response = send(io, *client, request);
  EXPECT_EQ(response.error, sdk::TransportError::network);
  EXPECT_EQ(response.error_message,
            "unsupported URL scheme 'ftp' in 'ftp://127.0.0.1/x' (http or https expected)");
}

}  // namespace
}  // namespace modelcompare::http
