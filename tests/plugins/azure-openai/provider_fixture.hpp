// A TestHost with the real HTTP client, and the lab's two-turn conversation, for provider tests.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "azure_openai_provider.hpp"
#include "http/http_client.hpp"
#include "run_awaitable.hpp"
#include "support/test_host.hpp"

namespace modelcompare::testing {

class ProviderFixture {
 public:
  explicit ProviderFixture(std::filesystem::path extra_ca = {}) {
    http::HttpClientOptions options;
    options.proxy = http::ProxySettings{};  // never the machine's proxy variables
    options.extra_ca_file = std::move(extra_ca);
    http_ = http::make_http_client(host.io_context(), options);
    host.set_http(http_.get());
  }

  sdk::PluginContext context(nlohmann::json options) {
    sdk::PluginContext context;
    context.instance_id = "gpt-4o";
    context.options = std::move(options);
    context.host = &host;
    return context;
  }

  std::unique_ptr<azure_openai::AzureOpenAiProvider> provider(nlohmann::json options) {
    return std::make_unique<azure_openai::AzureOpenAiProvider>(context(std::move(options)));
  }

  sdk::ChatResult complete(sdk::Provider& provider, const sdk::ChatRequest& request) {
    return run_awaitable(host.io_context(), provider.complete(request));
  }

  TestHost host;

 private:
  std::unique_ptr<sdk::HttpClient> http_;
};

// JPEG bytes (by signature), deliberately labelled image/png: the data URL must say image/jpeg.
inline std::string fake_jpeg() {
  return std::string("\xff\xd8\xff\xe0", 4) + "JFIF-not-really";
}

// Turn 2 of the lab: chart image + prompt, the model's earlier answer, the follow-up.
inline sdk::ChatRequest lab_request() {
  sdk::ChatRequest request;
  request.provider_id = "gpt-4o";
  request.scenario_id = "pie-chart-to-code";
  request.case_key = "pie-chart-to-code#0";
  request.turn = 1;
  sdk::Message first;
  first.role = sdk::Role::user;
  first.content.push_back(sdk::ContentPart::from_text("Create Python code for image"));
  sdk::ContentPart image;
  image.kind = sdk::ContentPart::Kind::image;
  image.image_bytes = fake_jpeg();
  image.mime_type = "image/png";
  image.image_source = "demo.png";
  first.content.push_back(image);
  sdk::Message answer;
  answer.role = sdk::Role::assistant;
  answer.content.push_back(sdk::ContentPart::from_text("```python\nplt.pie([34.9])\n```"));
  sdk::Message follow_up;
  follow_up.role = sdk::Role::user;
  follow_up.content.push_back(
      sdk::ContentPart::from_text("Add a legend to the plot replacing the labels"));
  request.messages = {first, answer, follow_up};
  request.params.max_tokens = 2000;
  request.params.temperature = 0.0;
  request.params.seed = 42;
  request.params.stop = {"###"};
  return request;
}

}  // namespace modelcompare::testing
