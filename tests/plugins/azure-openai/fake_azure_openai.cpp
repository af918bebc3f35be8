#include "fake_azure_openai.hpp"

namespace modelcompare::testing {

using nlohmann::json;

FakeAzureOpenAi::FakeAzureOpenAi(FakeAzureExpectations expect, std::optional<TlsFiles> tls)
    : expect_(std::move(expect)),
      server_([this](const ReceivedRequest& request) { return answer(request); }, std::move(tls)) {}

void FakeAzureOpenAi::script(std::vector<ScriptedReply> replies) {
  std::lock_guard lock(mutex_);
  for (auto& reply : replies) script_.push_back(std::move(reply));
}

void FakeAzureOpenAi::set_fallback(FakeHttpServer::Handler fallback) {
  std::lock_guard lock(mutex_);
  fallback_ = std::move(fallback);
}

void FakeAzureOpenAi::expect_bearer(std::string token) {
  std::lock_guard lock(mutex_);
  expect_.bearer_token = std::move(token);
}

std::vector<json> FakeAzureOpenAi::bodies() const {
  std::vector<json> out;
  for (const auto& request : server_.requests())
    out.push_back(json::parse(request.body, nullptr, false));
  return out;
}

std::vector<std::string> FakeAzureOpenAi::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

void FakeAzureOpenAi::check(const ReceivedRequest& request, int index) {
  const std::string at = "request " + std::to_string(index) + ": ";
  auto problem = [&](const std::string& what) { problems_.push_back(at + what); };
  if (request.method != "POST") problem("method " + request.method);
  std::string path;
  if (expect_.api == "azure") {
    // An empty expected deployment accepts any (the standalone server serves several).
    const std::string prefix = "/openai/deployments/";
    const std::string rest =
        request.path().rfind(prefix, 0) == 0 ? request.path().substr(prefix.size()) : "";
    const std::string name =
        expect_.deployment.empty() ? rest.substr(0, rest.find('/')) : expect_.deployment;
    path = prefix + name + "/chat/completions";
  }
  if (expect_.api == "azure-v1") path = "/openai/v1/chat/completions";
  if (expect_.api == "model-inference") path = "/models/chat/completions";
  if (expect_.api == "openai") path = "/v1/chat/completions";
  if (request.path() != path) problem("path " + request.path() + ", expected " + path);
  const auto version = request.query("api-version");
  if (expect_.api_version.empty() ? version.has_value() : version != expect_.api_version)
    problem("api-version " + version.value_or("(none)"));
  if (request.header("Content-Type") != "application/json") problem("Content-Type is not JSON");

  if (!expect_.bearer_token.empty()) {
    if (request.header("Authorization") != "Bearer " + expect_.bearer_token)
      problem("no Bearer token");
    if (request.header("api-key")) problem("api-key sent with Entra auth");
  } else if (!expect_.api_key.empty()) {
    const bool key_header = expect_.api == "azure" || expect_.api == "model-inference";
    if (key_header && request.header("api-key") != expect_.api_key) problem("wrong api-key header");
    if (!key_header && request.header("Authorization") != "Bearer " + expect_.api_key)
      problem("wrong Authorization header");
  }

  const json body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) return problem("body is not a JSON object");
  const bool wants_model = expect_.api != "azure";
  if (wants_model && body.value("model", "") != expect_.deployment)
    problem("model missing or wrong");
  if (!wants_model && body.contains("model")) problem("model sent on the deployment URL");
  if (!request.header("x-ms-client-request-id")) problem("no x-ms-client-request-id");
  if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty())
    return problem("messages missing");
  for (const auto& message : body["messages"]) {
    const auto role = message.value("role", "");
    if (role != "system" && role != "user" && role != "assistant") problem("role " + role);
    const auto& content = message["content"];
    if (content.is_string()) continue;
    if (!content.is_array() || role != "user") {
      problem(role + " content is neither a string nor (user) parts");
      continue;
    }
    for (const auto& part : content) {
      const auto type = part.value("type", "");
      if (type == "text" && part["text"].is_string()) continue;
      if (type == "image_url") {
        const auto url = part["image_url"].value("url", "");
        if (url.rfind("data:image/", 0) != 0 || url.find(";base64,") == std::string::npos)
          problem("image url is not a base64 data URL");
        const auto detail = part["image_url"].value("detail", "");
        if (detail != "auto" && detail != "low" && detail != "high")
          problem("image detail " + detail);
        continue;
      }
      problem("content part of type '" + type + "'");
    }
  }
  if (body.value("stream", false) != expect_.stream) problem("stream flag");
  if (expect_.stream && expect_.api != "model-inference" &&
      !(body.contains("stream_options") && body["stream_options"].value("include_usage", false)))
    problem("stream_options.include_usage missing");
  if (body.contains("temperature") &&
      (!body["temperature"].is_number() || body["temperature"].get<double>() > 2))
    problem("temperature");
}

ScriptedReply FakeAzureOpenAi::answer(const ReceivedRequest& request) {
  std::lock_guard lock(mutex_);
  check(request, ++count_);
  if (!script_.empty()) {
    auto reply = std::move(script_.front());
    script_.pop_front();
    return reply;
  }
  if (fallback_) return fallback_(request);
  return expect_.stream ? azure_replies::stream({"Hello", " world"})
                        : azure_replies::completion("Hello world");
}

namespace azure_replies {
namespace {

const json kSafe = {{"hate", {{"filtered", false}, {"severity", "safe"}}},
                    {"self_harm", {{"filtered", false}, {"severity", "safe"}}},
                    {"sexual", {{"filtered", false}, {"severity", "safe"}}},
                    {"violence", {{"filtered", false}, {"severity", "safe"}}}};

Headers azure_headers() {
  return {{"apim-request-id", "5c0c2a4e-aaaa-bbbb-cccc-1234567890ab"},
          {"x-request-id", "req-1"},
          {"x-ms-region", "Sweden Central"},
          {"x-ratelimit-remaining-requests", "79"},
          {"x-ratelimit-remaining-tokens", "61353"}};
}

json chunk(json choices) {
  return {{"choices", std::move(choices)},
          {"created", 1748977994},
          {"id", "chatcmpl-X"},
          {"model", "gpt-4o-2024-08-06"},
          {"object", "chat.completion.chunk"},
          {"system_fingerprint", "fp_abc"},
          {"usage", nullptr}};
}

}  // namespace

ScriptedReply completion(const std::string& content, int prompt_tokens, int completion_tokens) {
  const json body = {
      {"id", "chatcmpl-8VAVx58veW9RCm5K1ttmxU6Cm4XDX"},
      {"object", "chat.completion"},
      {"created", 1702439277},
      {"model", "gpt-4o-2024-08-06"},
      {"system_fingerprint", "fp_abc"},
      {"prompt_filter_results", {{{"prompt_index", 0}, {"content_filter_results", kSafe}}}},
      {"choices",
       {{{"finish_reason", "stop"},
         {"index", 0},
         {"logprobs", nullptr},
         {"message", {{"role", "assistant"}, {"content", content}, {"refusal", nullptr}}},
         {"content_filter_results", kSafe}}}},
      {"usage",
       {{"prompt_tokens", prompt_tokens},
        {"completion_tokens", completion_tokens},
        {"total_tokens", prompt_tokens + completion_tokens},
        {"prompt_tokens_details", {{"audio_tokens", nullptr}, {"cached_tokens", 1024}}},
        {"completion_tokens_details", {{"audio_tokens", nullptr}, {"reasoning_tokens", 0}}}}}};
  return ScriptedReply::json(200, body.dump(), azure_headers());
}

ScriptedReply stream(const std::vector<std::string>& pieces, bool usage,
                     std::chrono::milliseconds gap) {
  std::vector<std::string> events;
  events.push_back(
      json{{"choices", json::array()},
           {"created", 0},
           {"id", ""},
           {"model", ""},
           {"object", ""},
           {"prompt_filter_results", {{{"prompt_index", 0}, {"content_filter_results", kSafe}}}}}
          .dump());
  events.push_back(chunk({{{"content_filter_results", json::object()},
                           {"delta", {{"content", ""}, {"role", "assistant"}}},
                           {"finish_reason", nullptr},
                           {"index", 0},
                           {"logprobs", nullptr}}})
                       .dump());
  for (const auto& piece : pieces)
    events.push_back(chunk({{{"content_filter_results", kSafe},
                             {"delta", {{"content", piece}, {"obfuscation", "x1"}}},
                             {"finish_reason", nullptr},
                             {"index", 0},
                             {"logprobs", nullptr}}})
                         .dump());
  events.push_back(chunk({{{"delta", json::object()},
                           {"finish_reason", "stop"},
                           {"index", 0},
                           {"logprobs", nullptr}}})
                       .dump());
  // Azure's asynchronous filter can report after the finish event.
  events.push_back(
      chunk({{{"content_filter_results",
               {{"protected_material_text", {{"filtered", false}, {"detected", false}}}}},
              {"delta", json::object()},
              {"finish_reason", nullptr},
              {"index", 0}}})
          .dump());
  if (usage) {
    auto last = chunk(json::array());
    last["usage"] = {{"completion_tokens", 12},
                     {"prompt_tokens", 1156},
                     {"total_tokens", 1168},
                     {"completion_tokens_details", {{"reasoning_tokens", nullptr}}}};
    events.push_back(last.dump());
  }
  events.push_back("[DONE]");
  return ScriptedReply::sse(std::move(events), azure_headers(), gap);
}

ScriptedReply too_many_requests(Headers headers) {
  headers.emplace_back("x-ms-region", "Sweden Central");
  return ScriptedReply::json(
      429,
      R"({"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second."}})",
      std::move(headers));
}

ScriptedReply server_error() {
  return ScriptedReply::json(
      500,
      R"({"error":{"code":"InternalServerError","message":"The server had an error while processing your request."}})");
}

ScriptedReply content_filter_400() {
  return ScriptedReply::json(
      400,
      R"({"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":true,"severity":"high"},"violence":{"filtered":false,"severity":"safe"}}}}})");
}

ScriptedReply unauthorized_401() {
  return ScriptedReply::json(
      401,
      R"({"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}})");
}

ScriptedReply deployment_not_found_404() {
  return ScriptedReply::json(
      404,
      R"({"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}})");
}

ScriptedReply bad_request_400(const std::string& message) {
  return ScriptedReply::json(
      400,
      json{{"error", {{"code", "BadRequest"}, {"message", message}, {"param", nullptr}}}}.dump());
}

}  // namespace azure_replies
}  // namespace modelcompare::testing
