#include "run/comparison_run.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <fstream>
#include <map>
#include <thread>

#include "config/config_loader.hpp"
#include "modelcompare/sdk/evaluator.hpp"
#include "modelcompare/sdk/metrics.hpp"
#include "modelcompare/sdk/provider.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_search_path.hpp"
#include "plugins/run_host_services.hpp"
#include "plugins/secret_redactor.hpp"
#include "report/run_exports.hpp"
#include "run/async_semaphore.hpp"
#include "run/evaluation_pool.hpp"
#include "run/progress_reporter.hpp"
#include "run/prompt_builder.hpp"
#include "run/run_folder.hpp"
#include "run/run_log.hpp"
#include "run/utc_time.hpp"
#include "store/run_store.hpp"

namespace modelcompare::run {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using config::ConfigError;

struct TurnEvaluator {
  std::string plugin;
  std::shared_ptr<sdk::Evaluator> instance;
};

// One provider's share of the run: its conversations and its request limit.
struct ProviderLane {
  std::size_t index = 0;
  std::shared_ptr<sdk::Provider> provider;
  std::vector<const Conversation*> conversations;
  std::size_t next = 0;
  std::unique_ptr<AsyncSemaphore> in_flight;
};

}  // namespace

struct PreparedRun::State {
  RunRequest request;
  config::Config config;
  plugins::PluginRegistry registry;
  std::unique_ptr<plugins::HostEnvironment> host;
  std::vector<std::shared_ptr<sdk::Provider>> providers;  // parallel to config.providers
  // evaluators[scenario][turn] in config order
  std::vector<std::vector<std::vector<TurnEvaluator>>> evaluators;
  std::vector<std::shared_ptr<sdk::MetricsSource>> metrics;
  std::vector<Conversation> plan;
  std::size_t total_cases = 0;

  // Execution state (io thread only).
  std::unique_ptr<store::RunStore> store;
  std::map<store::CaseKey, store::CaseRecord> resumed;
  std::unique_ptr<ProgressReporter> progress;
  std::unique_ptr<EvaluationPool> pool;
  std::unique_ptr<AsyncSemaphore> global_in_flight;
  PromptBuilder prompts;
  fs::path run_dir;
  bool stopping = false;

  asio::awaitable<void> provider_worker(ProviderLane& lane);
  asio::awaitable<void> run_conversation(ProviderLane& lane, const Conversation& conversation);
  nlohmann::json evaluate_case(const Conversation& conversation, int turn,
                               const std::string& response,
                               const std::vector<sdk::Message>& messages,
                               const fs::path& artifacts_dir);
  void record(store::CaseRecord record);
};

PreparedRun::PreparedRun(std::unique_ptr<State> state) : state_(std::move(state)) {}
PreparedRun::~PreparedRun() = default;
PreparedRun::PreparedRun(PreparedRun&&) noexcept = default;

const config::Config& PreparedRun::config() const {
  return state_->config;
}
std::size_t PreparedRun::conversation_count() const {
  return state_->plan.size();
}
std::size_t PreparedRun::case_count() const {
  return state_->total_cases;
}

PreparedRun prepare_run(const RunRequest& request) {
  auto state = std::make_unique<PreparedRun::State>();
  state->request = request;
  config::LoadOptions load_options;
  load_options.on_secret = [](const std::string& value) { plugins::global_redactor().add(value); };
  state->config = config::load_config(request.config_file, load_options);
  const auto& config = state->config;

  state->registry.scan(plugins::plugin_search_path(request.plugin_dirs));
  const auto fail = [&](const std::string& pointer, const std::string& message) {
    throw config::config_error(config.source, pointer, message);
  };
  for (std::size_t i = 0; i < config.providers.size(); ++i)
    if (!state->registry.find(sdk::PluginKind::provider, config.providers[i].plugin))
      fail("/providers/" + std::to_string(i) + "/plugin",
           state->registry.unknown_plugin_message(sdk::PluginKind::provider,
                                                  config.providers[i].plugin));
  for (const auto& scenario : config.scenarios)
    for (const auto& turn : scenario.turns)
      for (const auto& evaluator : turn.evaluators)
        if (!state->registry.find(sdk::PluginKind::evaluator, evaluator.plugin))
          fail(evaluator.pointer + "/plugin", state->registry.unknown_plugin_message(
                                                  sdk::PluginKind::evaluator, evaluator.plugin));
  for (std::size_t i = 0; i < config.metrics.size(); ++i)
    if (!state->registry.find(sdk::PluginKind::metrics, config.metrics[i].plugin))
      fail("/metrics/" + std::to_string(i) + "/plugin",
           state->registry.unknown_plugin_message(sdk::PluginKind::metrics,
                                                  config.metrics[i].plugin));

  plugins::HostEnvironmentOptions host_options;
  host_options.dotenv_dir = config.base_dir;
  state->host = std::make_unique<plugins::HostEnvironment>(host_options);

  // Every instance is made now, so bad plugin options stop the run before anything is sent.
  const auto context_for = [&](const std::string& id, const nlohmann::json& options,
                               const std::string& plugin) {
    sdk::PluginContext context;
    context.instance_id = id;
    context.options = options;
    context.base_dir = config.base_dir;
    context.host = &state->host->services_for(plugin == id ? plugin : plugin + ":" + id);
    return context;
  };
  for (std::size_t i = 0; i < config.providers.size(); ++i) {
    const auto& p = config.providers[i];
    try {
      state->providers.push_back(
          state->registry.make_provider(p.plugin, context_for(p.id, p.options, p.plugin)));
      // Lent to evaluators (an llm-judge grades with one of the run's providers).
      state->host->add_provider(p.id, state->providers.back());
    } catch (const std::exception& e) {
      fail("/providers/" + std::to_string(i) + "/options",
           plugins::global_redactor().redact(e.what()));
    }
  }
  for (const auto& scenario : config.scenarios) {
    auto& per_turn = state->evaluators.emplace_back();
    for (const auto& turn : scenario.turns) {
      auto& list = per_turn.emplace_back();
      for (const auto& evaluator : turn.evaluators) {
        try {
          list.push_back({evaluator.plugin,
                          state->registry.make_evaluator(
                              evaluator.plugin,
                              context_for(evaluator.plugin, evaluator.options, evaluator.plugin))});
        } catch (const std::exception& e) {
          fail(evaluator.pointer + "/options", plugins::global_redactor().redact(e.what()));
        }
      }
    }
  }
  for (std::size_t i = 0; i < config.metrics.size(); ++i) {
    const auto& m = config.metrics[i];
    try {
      state->metrics.push_back(state->registry.make_metrics_source(
          m.plugin, context_for(m.plugin, m.options, m.plugin)));
    } catch (const std::exception& e) {
      fail("/metrics/" + std::to_string(i) + "/options",
           plugins::global_redactor().redact(e.what()));
    }
  }

  state->plan = plan_conversations(config, request.filter);
  state->total_cases = count_cases(config, state->plan);
  return PreparedRun(std::move(state));
}

RunOutcome PreparedRun::execute() {
  auto& s = *state_;
  const auto& config = s.config;

  // The run folder: a new one, or the one being resumed (same config only).
  if (s.request.resume_dir) {
    s.run_dir = fs::absolute(*s.request.resume_dir).lexically_normal();
    s.store = std::make_unique<store::RunStore>(store::RunStore::open(s.run_dir));
    const auto hash = s.store->info("config_hash").value_or("");
    if (hash != config.hash)
      throw std::invalid_argument(s.run_dir.string() +
                                  ": was run from a different config (config hash " +
                                  hash.substr(0, 12) + ", " + config.source.string() + " has " +
                                  config.hash.substr(0, 12) + "); start a new run instead");
    for (auto& record : s.store->cases()) s.resumed.emplace(record.key, std::move(record));
    s.store->set_info("resumed_at", iso_utc(std::chrono::system_clock::now()));
  } else {
    const fs::path parent =
        s.request.out_dir ? fs::absolute(*s.request.out_dir) : config.output_dir;
    s.run_dir = make_run_folder(parent, config.name, std::chrono::system_clock::now());
    s.store = std::make_unique<store::RunStore>(store::RunStore::create(s.run_dir));
    s.store->set_info("name", config.name);
    s.store->set_info("config_hash", config.hash);
    s.store->set_info("config_path", config.source.string());
    s.store->set_info("config", config.raw.dump());  // as written: ${VAR}s unexpanded
    s.store->set_info("started_at", iso_utc(std::chrono::system_clock::now()));
  }
  s.store->set_info("state", "running");
  attach_run_log(s.run_dir);
  spdlog::info("run folder: {}", s.run_dir.string());

  std::size_t remaining = 0;
  for (const auto& conversation : s.plan)
    for (std::size_t t = 0; t < config.scenarios[conversation.scenario].turns.size(); ++t)
      if (!s.resumed.count({config.providers[conversation.provider].id,
                            config.scenarios[conversation.scenario].id, conversation.case_key,
                            conversation.repeat, int(t)}))
        ++remaining;
  if (s.request.resume_dir)
    spdlog::info("resuming: {} of {} cases already done", s.total_cases - remaining, s.total_cases);

  auto& io = s.host->io_context();
  s.progress =
      std::make_unique<ProgressReporter>(stderr, remaining, s.request.interactive_progress);
  s.pool = std::make_unique<EvaluationPool>(std::max(2u, std::thread::hardware_concurrency()));
  if (s.request.concurrency)
    s.global_in_flight =
        std::make_unique<AsyncSemaphore>(io.get_executor(), std::size_t(*s.request.concurrency));

  std::vector<ProviderLane> lanes(config.providers.size());
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    lanes[i].index = i;
    lanes[i].provider = s.providers[i];
    const int limit = std::max(1, s.providers[i]->max_in_flight());
    lanes[i].in_flight = std::make_unique<AsyncSemaphore>(io.get_executor(), std::size_t(limit));
  }
  for (const auto& conversation : s.plan)
    lanes[conversation.provider].conversations.push_back(&conversation);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        if (s.stopping) {
          spdlog::warn("second signal {}: stopping now; run.db holds every finished case", signal);
          std::_Exit(130);
        }
        s.stopping = true;
        s.progress->set_note("interrupted: finishing requests in flight; again to stop now");
        signals.async_wait(on_signal);
      };
  signals.async_wait(on_signal);

  std::size_t workers_left = 0;
  std::string worker_failure;
  for (auto& lane : lanes) {
    // Twice the request limit, so a lane keeps sending while some conversations are evaluated.
    const std::size_t workers = std::min(
        lane.conversations.size(), std::size_t(2 * std::max(1, lane.provider->max_in_flight())));
    for (std::size_t w = 0; w < workers; ++w) {
      ++workers_left;
      asio::co_spawn(io, s.provider_worker(lane), [&](std::exception_ptr error) {
        if (error) {
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            worker_failure = e.what();
            s.stopping = true;
          }
        }
        if (--workers_left == 0) signals.cancel();
      });
    }
  }
  if (workers_left == 0) signals.cancel();
  io.run();
  io.restart();
  s.progress->finish();

  if (!worker_failure.empty())
    spdlog::error("run stopped: {}", plugins::global_redactor().redact(worker_failure));
  s.store->set_info("state", s.stopping ? "interrupted" : "finished");
  s.store->set_info("finished_at", iso_utc(std::chrono::system_clock::now()));
  report::write_run_exports(s.run_dir, *s.store);

  RunOutcome outcome;
  outcome.run_dir = s.run_dir;
  outcome.interrupted = s.stopping;
  for (const auto& record : s.store->cases()) {
    ++outcome.cases;
    if (record.status != store::CaseStatus::ok) ++outcome.failed;
  }
  return outcome;
}

asio::awaitable<void> PreparedRun::State::provider_worker(ProviderLane& lane) {
  while (!stopping && lane.next < lane.conversations.size()) {
    const Conversation& conversation = *lane.conversations[lane.next++];
    co_await run_conversation(lane, conversation);
  }
}

asio::awaitable<void> PreparedRun::State::run_conversation(ProviderLane& lane,
                                                           const Conversation& conversation) {
  const auto& provider_config = config.providers[conversation.provider];
  const auto& scenario = config.scenarios[conversation.scenario];
  std::vector<sdk::Message> messages;
  if (!scenario.system.empty())
    messages.push_back(PromptBuilder::system_message(scenario.system, conversation.vars));
  std::string broken_because;  // set once a turn has no answer: later turns are not sent

  for (std::size_t t = 0; t < scenario.turns.size(); ++t) {
    const int turn = int(t);
    store::CaseKey key{provider_config.id, scenario.id, conversation.case_key, conversation.repeat,
                       turn};
    messages.push_back(prompts.user_message(scenario.turns[t], conversation.vars));
    if (auto done = resumed.find(key); done != resumed.end()) {
      if (done->second.status == store::CaseStatus::ok) {
        messages.push_back(
            {sdk::Role::assistant, {sdk::ContentPart::from_text(done->second.response)}});
      } else if (broken_because.empty()) {
        broken_because = "turn " + std::to_string(turn + 1) + " has no answer";
      }
      continue;
    }
    if (stopping) co_return;  // left for --resume

    store::CaseRecord record;
    record.key = key;
    record.started_at = iso_utc(std::chrono::system_clock::now());
    if (!broken_because.empty()) {
      record.status = store::CaseStatus::skipped;
      record.error = "not sent: " + broken_because;
      record.finished_at = record.started_at;
      this->record(std::move(record));
      continue;
    }

    sdk::ChatRequest request;
    request.provider_id = provider_config.id;
    request.scenario_id = scenario.id;
    request.case_key = conversation.case_key;
    request.turn = turn;
    request.repeat = conversation.repeat;
    request.messages = messages;
    request.params = scenario.turns[t].params;

    if (global_in_flight) co_await global_in_flight->acquire();
    co_await lane.in_flight->acquire();
    const auto start = std::chrono::steady_clock::now();
    sdk::ChatResult result;
    try {
      result = co_await lane.provider->complete(request);
    } catch (const std::exception& e) {
      result = sdk::ChatResult{};
      result.error = sdk::ErrorKind::plugin_error;
      result.error_message =
          std::string("provider plugin '") + provider_config.plugin + "' threw: " + e.what();
    }
    lane.in_flight->release();
    if (global_in_flight) global_in_flight->release();
    if (result.latency.count() == 0)
      result.latency = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start);

    record.response = result.content;
    record.usage = result.usage;
    record.latency_ms = double(result.latency.count());
    if (result.time_to_first_token) record.ttft_ms = double(result.time_to_first_token->count());
    record.retries = result.retries;
    record.model = result.model;
    record.extra = result.extra;
    if (!result.finish_reason.empty()) record.extra["finish_reason"] = result.finish_reason;
    if (result.ok()) {
      messages.push_back({sdk::Role::assistant, {sdk::ContentPart::from_text(result.content)}});
      const fs::path artifacts_dir = run_dir / "artifacts" / provider_config.id /
                                     conversation.case_key /
                                     ("repeat-" + std::to_string(conversation.repeat + 1)) /
                                     ("turn-" + std::to_string(turn + 1));
      std::function<nlohmann::json()> work = [&, turn] {
        return evaluate_case(conversation, turn, result.content, messages, artifacts_dir);
      };
      record.evaluations = co_await pool->run(std::move(work));
    } else {
      record.status = store::CaseStatus::error;
      record.error_kind = sdk::to_string(result.error);
      record.error = result.error_message.empty() ? record.error_kind : result.error_message;
      broken_because = "turn " + std::to_string(turn + 1) + " failed";
    }
    record.finished_at = iso_utc(std::chrono::system_clock::now());
    this->record(std::move(record));
  }
}

nlohmann::json PreparedRun::State::evaluate_case(const Conversation& conversation, int turn,
                                                 const std::string& response,
                                                 const std::vector<sdk::Message>& messages,
                                                 const fs::path& artifacts_dir) {
  fs::create_directories(artifacts_dir);
  std::ofstream(artifacts_dir / "response.md") << response;
  sdk::EvaluationInput input;
  input.provider_id = config.providers[conversation.provider].id;
  input.scenario_id = config.scenarios[conversation.scenario].id;
  input.case_key = conversation.case_key;
  input.turn = turn;
  input.repeat = conversation.repeat;
  input.response = response;
  input.conversation.assign(messages.begin(), messages.end() - 1);  // up to this turn's question
  input.vars = conversation.vars;
  input.artifacts_dir = artifacts_dir;

  nlohmann::json evaluations = nlohmann::json::array();
  for (const auto& evaluator : evaluators[conversation.scenario][std::size_t(turn)]) {
    nlohmann::json entry = {{"plugin", evaluator.plugin}};
    try {
      sdk::EvaluationResult result = evaluator.instance->evaluate(input);
      entry["score"] = std::clamp(result.score, 0.0, 1.0);
      entry["passed"] = result.passed;
      entry["details"] = result.details;
      for (auto& artifact : result.artifacts) input.artifacts.push_back(std::move(artifact));
    } catch (const std::exception& e) {
      entry["score"] = 0.0;
      entry["passed"] = false;
      entry["details"] = {{"error", std::string("evaluator threw: ") + e.what()}};
    }
    evaluations.push_back(std::move(entry));
  }
  return evaluations;
}

void PreparedRun::State::record(store::CaseRecord record) {
  const auto& redactor = plugins::global_redactor();
  record.error = redactor.redact(record.error);
  if (!redactor.empty()) {
    record.extra = nlohmann::json::parse(redactor.redact(
        record.extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
    record.evaluations = nlohmann::json::parse(redactor.redact(
        record.evaluations.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  }
  const bool failed = record.status != store::CaseStatus::ok;
  if (failed)
    spdlog::debug("{} {} repeat {} turn {}: {}", record.key.provider, record.key.case_key,
                  record.key.repeat + 1, record.key.turn + 1, record.error);
  store->record(record);
  progress->case_finished(failed);
}

}  // namespace modelcompare::run
