// The fake Azure OpenAI endpoint as a program, for runs of the real `modelcompare` binary with
// injected faults (see run_fault_injection.sh). Serves any deployment on 127.0.0.1 until SIGINT
// or SIGTERM; answers streamed or plain completions, and at the given rates 429s (with
// retry-after-ms) and 500s. Every request is logged to --events as one JSON line, so the waits
// between a 429 and its retry (same x-ms-client-request-id) can be measured from outside.
#include <signal.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "fake_azure_openai.hpp"

namespace {

using namespace modelcompare::testing;

struct Settings {
  std::string port_file;
  std::string events_file;
  double rate_429 = 0.2;
  int retry_after_ms = 300;
  double rate_500 = 0.05;
  unsigned seed = 1;
  std::string api_key;
};

int usage() {
  std::cerr << "usage: fake_azure_openai_server --port-file FILE --events FILE [--rate-429 0.2]"
               " [--retry-after-ms 300] [--rate-500 0.05] [--seed N]\n"
               "  the expected api-key comes from FAKE_AZURE_OPENAI_KEY\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--port-file")
      settings.port_file = value;
    else if (flag == "--events")
      settings.events_file = value;
    else if (flag == "--rate-429")
      settings.rate_429 = std::stod(value);
    else if (flag == "--retry-after-ms")
      settings.retry_after_ms = std::stoi(value);
    else if (flag == "--rate-500")
      settings.rate_500 = std::stod(value);
    else if (flag == "--seed")
      settings.seed = static_cast<unsigned>(std::stoul(value));
    else
      return usage();
  }
  if (settings.port_file.empty() || settings.events_file.empty()) return usage();
  if (const char* key = std::getenv("FAKE_AZURE_OPENAI_KEY")) settings.api_key = key;

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's thread starts

  std::mutex mutex;
  std::mt19937 random(settings.seed);
  std::ofstream events(settings.events_file);
  const auto start = std::chrono::steady_clock::now();
  int counts[3] = {0, 0, 0};

  FakeAzureExpectations expect;
  expect.deployment = "";  // any
  expect.api_key = settings.api_key;
  FakeAzureOpenAi fake(expect);
  fake.set_fallback([&](const ReceivedRequest& request) {
    std::lock_guard lock(mutex);
    const double draw = std::uniform_real_distribution<double>(0, 1)(random);
    const int status = draw < settings.rate_429                       ? 429
                       : draw < settings.rate_429 + settings.rate_500 ? 500
                                                                      : 200;
    counts[status == 429 ? 1 : status == 500 ? 2 : 0]++;
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    events << nlohmann::json{{"t_ms", ms},
                             {"id", request.header("x-ms-client-request-id").value_or("")},
                             {"deployment", request.path()},
                             {"status", status}}
                  .dump()
           << std::endl;
    if (status == 429)
      return azure_replies::too_many_requests(
          {{"retry-after-ms", std::to_string(settings.retry_after_ms)},
           {"retry-after", std::to_string((settings.retry_after_ms + 999) / 1000)}});
    if (status == 500) return azure_replies::server_error();
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    const bool stream = body.is_object() && body.value("stream", false);
    const std::string code =
        "```python\nimport matplotlib.pyplot as plt\nplt.pie([34.9, 28.6, 20.6, 15.9])\n```";
    return stream ? azure_replies::stream({"Here is the code:\n", code}, true,
                                          std::chrono::milliseconds(30))
                  : azure_replies::completion("Here is the code:\n" + code);
  });
  std::ofstream(settings.port_file)
      << fake.endpoint().substr(fake.endpoint().rfind(':') + 1) << "\n";

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  const auto problems = fake.problems();
  std::cerr << "fake_azure_openai_server: " << fake.requests().size() << " requests (" << counts[0]
            << " ok, " << counts[1] << " 429, " << counts[2] << " 500), " << problems.size()
            << " wire-format problems\n";
  for (const auto& problem : problems) std::cerr << "  " << problem << "\n";
  return problems.empty() ? 0 : 1;
}
