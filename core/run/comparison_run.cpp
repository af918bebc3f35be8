#include "run/comparison_run.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "catalog/catalog_search_path.hpp"
#include "catalog/model_catalog.hpp"
#include "charts/gnuplot_session.hpp"
#include "config/config_loader.hpp"
#include "dataset/row_source.hpp"
#include "modelcompare/sdk/evaluator.hpp"
#include "modelcompare/sdk/metrics.hpp"
#include "modelcompare/sdk/prompt_template.hpp"
#include "modelcompare/sdk/provider.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_search_path.hpp"
#include "plugins/run_host_services.hpp"
#include "plugins/secret_redactor.hpp"
#include "report/run_exports.hpp"
#include "report/run_prices.hpp"
#include "run/async_semaphore.hpp"
#include "run/evaluation_pool.hpp"
#include "run/progress_reporter.hpp"
#include "run/prompt_builder.hpp"
#include "run/request_fingerprint.hpp"
#include "run/run_folder.hpp"
#include "run/run_log.hpp"
#include "run/utc_time.hpp"
#include "store/response_cache.hpp"
#include "store/run_store.hpp"

namespace modelcompare::run {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using config::ConfigError;

// One evaluator of one turn. Options that hold {{...}} are filled in per case; an instance is
// made for each distinct filled-in options (the last one is kept, as rows usually repeat them).
struct TurnEvaluator {
  std::string plugin;
  std::string pointer;  // in the config, for messages
  nlohmann::json options;
  bool templated = false;
  std::shared_ptr<sdk::Evaluator> instance;  // the last one made
  std::string instance_options;              // the options it was made with (dump)
};

// An evaluator as one case uses it: an instance, or why none could be made for this case.
struct EvaluatorUse {
  std::string plugin;
  std::shared_ptr<sdk::Evaluator> instance;
  std::string problem;
};

// One provider's share of the run: its conversations, pulled one at a time, and its request
// limit.
struct ProviderLane {
  std::size_t index = 0;
  std::shared_ptr<sdk::Provider> provider;
  std::unique_ptr<ConversationStream> conversations;
  std::unique_ptr<AsyncSemaphore> in_flight;
};

// The evaluators shipped with modelcompare that never keep files in a case's artifacts folder.
// A turn judged only by these gets no folder and no response.md (the answer is in run.db and
// results.jsonl): making three folders and a file per case was the largest cost of a fast run.
// Any other evaluator, including every third-party one, gets the folder made before it runs.
bool keeps_no_files(const std::string& plugin) {
  return plugin == "text-checks" || plugin == "llm-judge" || plugin == "chart-image-diff";
}

bool holds_template(const nlohmann::json& options) {
  return options.dump().find("{{") != std::string::npos;
}

// Every string in `options` with {{name}}s filled in from `vars`.
nlohmann::json render_options(const nlohmann::json& options, const nlohmann::json& vars) {
  if (options.is_string()) return sdk::render_template(options.get<std::string>(), vars);
  if (options.is_array() || options.is_object()) {
    nlohmann::json out = options;
    for (auto& item : out) item = render_options(item, vars);
    return out;
  }
  return options;
}

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
  RunPlan plan;
  report::RunPrices prices;  // fixed at the start, stored in run.db

  // Execution state (io thread only).
  std::unique_ptr<store::RunStore> store;
  std::unique_ptr<store::ResponseCache> cache;
  bool resuming = false;
  std::unique_ptr<ProgressReporter> progress;
  std::unique_ptr<EvaluationPool> pool;
  std::unique_ptr<AsyncSemaphore> global_in_flight;
  PromptBuilder prompts;
  fs::path run_dir;
  bool stopping = false;

  sdk::PluginContext context_for(const std::string& id, const nlohmann::json& options,
                                 const std::string& plugin);
  std::vector<EvaluatorUse> evaluators_for(const Conversation& conversation, int turn);
  // The stored case under `key` when it stands (its row unchanged since); nothing when it must
  // be sent.
  std::optional<store::CaseRecord> done_before(const store::CaseKey& key,
                                               const std::string& row_hash) const;
  std::size_t cases_to_send();
  asio::awaitable<void> provider_worker(ProviderLane& lane);
  asio::awaitable<void> run_conversation(ProviderLane& lane, const Conversation& conversation);
  nlohmann::json evaluate_case(const Conversation& conversation, int turn,
                               const std::string& response,
                               const std::vector<sdk::Message>& messages,
                               const std::vector<EvaluatorUse>& evaluators,
                               const fs::path& artifacts_dir);
  // Stores one finished case (any thread) and tells whether it failed; record() also counts it
  // in the progress (network thread).
  bool store_case(store::CaseRecord record);
  void record(store::CaseRecord record);
  // run.db and cache.db are written from the evaluation pool's threads and read from the network
  // thread: one connection each, one user at a time.
  mutable std::mutex databases;
};

PreparedRun::PreparedRun(std::unique_ptr<State> state) : state_(std::move(state)) {}
PreparedRun::~PreparedRun() = default;
PreparedRun::PreparedRun(PreparedRun&&) noexcept = default;

const config::Config& PreparedRun::config() const {
  return state_->config;
}
std::size_t PreparedRun::conversation_count() const {
  return state_->plan.conversations;
}
std::size_t PreparedRun::case_count() const {
  return state_->plan.cases;
}

sdk::PluginContext PreparedRun::State::context_for(const std::string& id,
                                                   const nlohmann::json& options,
                                                   const std::string& plugin) {
  sdk::PluginContext context;
  context.instance_id = id;
  context.options = options;
  context.base_dir = config.base_dir;
  context.host = &host->services_for(plugin == id ? plugin : plugin + ":" + id);
  return context;
}

// The list prices of the providers' catalog entries, under the config's own `price`s. An unknown
// catalog id stops the run before anything is sent.
template <typename Fail>
report::RunPrices prices_of(const config::Config& config, const Fail& fail) {
  std::optional<catalog::ModelCatalog> models;
  for (std::size_t i = 0; i < config.providers.size(); ++i) {
    const auto& name = config.providers[i].catalog;
    if (name.empty()) continue;
    const auto pointer = "/providers/" + std::to_string(i) + "/catalog";
    try {
      if (!models) models = catalog::ModelCatalog::load(catalog::default_catalog_dirs());
      models->find(name);
    } catch (const std::exception& e) {
      fail(pointer, e.what());
    }
  }
  return report::run_prices(config, models ? &*models : nullptr);
}

PreparedRun prepare_run(const RunRequest& request) {
  auto state = std::make_unique<PreparedRun::State>();
  state->request = request;
  config::LoadOptions load_options;
  load_options.on_secret = [](const std::string& value) { plugins::global_redactor().add(value); };
  state->config = config::load_config(request.config_file, load_options);
  const auto& config = state->config;

  std::vector<plugins::PluginRegistry::Wanted> wanted;
  for (const auto& provider : config.providers)
    wanted.push_back({sdk::PluginKind::provider, provider.plugin});
  for (const auto& scenario : config.scenarios)
    for (const auto& turn : scenario.turns)
      for (const auto& evaluator : turn.evaluators)
        wanted.push_back({sdk::PluginKind::evaluator, evaluator.plugin});
  for (const auto& metrics : config.metrics)
    wanted.push_back({sdk::PluginKind::metrics, metrics.plugin});
  state->registry.scan_for(plugins::plugin_search_path(request.plugin_dirs), wanted);
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

  state->prices = prices_of(config, fail);

  plugins::HostEnvironmentOptions host_options;
  host_options.dotenv_dir = config.base_dir;
  state->host = std::make_unique<plugins::HostEnvironment>(host_options);

  // Every instance is made now, so bad plugin options stop the run before anything is sent.
  const auto context_for = [&](const std::string& id, const nlohmann::json& options,
                               const std::string& plugin) {
    return state->context_for(id, options, plugin);
  };
  // The rows are checked and counted first: evaluator options may be filled from them.
  state->plan = plan_run(config, request.filter);
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
    // Templated options are tried with the first case's values, so validate catches bad ones.
    nlohmann::json first_vars = {
        {"provider", config.providers.front().id}, {"scenario", scenario.id}, {"repeat", 0}};
    if (auto first_row = dataset::open_rows(scenario, config.source)->next())
      for (const auto& [name, value] : first_row->values.items())
        if (!first_vars.contains(name)) first_vars[name] = value;
    for (const auto& turn : scenario.turns) {
      auto& list = per_turn.emplace_back();
      for (const auto& evaluator : turn.evaluators) {
        TurnEvaluator entry;
        entry.plugin = evaluator.plugin;
        entry.pointer = evaluator.pointer;
        entry.options = evaluator.options;
        entry.templated = holds_template(evaluator.options);
        const auto options =
            entry.templated ? render_options(evaluator.options, first_vars) : evaluator.options;
        try {
          entry.instance = state->registry.make_evaluator(
              evaluator.plugin, context_for(evaluator.plugin, options, evaluator.plugin));
          entry.instance_options = options.dump();
        } catch (const std::exception& e) {
          fail(evaluator.pointer + "/options", plugins::global_redactor().redact(e.what()));
        }
        list.push_back(std::move(entry));
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
    const auto stored_shard = s.store->info("shard").value_or("");
    const auto shard = s.plan.shard ? s.plan.shard->to_string() : std::string();
    if (stored_shard != shard)
      throw std::invalid_argument(
          s.run_dir.string() +
          (stored_shard.empty()
               ? ": holds a whole run, not a shard; resume it without --shard"
               : ": holds shard " + stored_shard + "; resume it with --shard " + stored_shard));
    s.resuming = true;
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
    s.store->set_info("prices", report::to_json(s.prices).dump());
    if (s.plan.shard) s.store->set_info("shard", s.plan.shard->to_string());
    // Where the evaluators' artifact paths point, for `merge` on another machine.
    s.store->set_info("run_dir", s.run_dir.string());
    s.store->set_info("started_at", iso_utc(std::chrono::system_clock::now()));
  }
  s.store->set_info("state", "running");
  // The contract's artifacts/ is there even when no evaluator keeps files (see keeps_no_files).
  fs::create_directories(s.run_dir / "artifacts");
  attach_run_log(s.run_dir);
  spdlog::info("run folder: {}", s.run_dir.string());
  // gnuplot starts and loads its fonts while the requests are sent: the charts at the end only
  // draw.
  charts::warm_up_gnuplot();

  // The shared response cache: beside the run folders unless output.cache names a file.
  const fs::path cache_file = !config.cache_file.empty() ? config.cache_file
                              : s.request.out_dir    ? fs::absolute(*s.request.out_dir) / "cache.db"
                              : s.request.resume_dir ? s.run_dir.parent_path() / "cache.db"
                                                     : config.output_dir / "cache.db";
  s.cache = std::make_unique<store::ResponseCache>(store::ResponseCache::open(cache_file));
  spdlog::debug("response cache: {}{}", cache_file.string(),
                s.request.read_cache ? "" : " (--no-cache: written, not read)");

  const std::size_t remaining = s.resuming ? s.cases_to_send() : s.plan.cases;
  if (s.resuming)
    spdlog::info("resuming: {} of {} cases already done", s.plan.cases - remaining, s.plan.cases);

  auto& io = s.host->io_context();
  s.progress =
      std::make_unique<ProgressReporter>(stderr, remaining, s.request.interactive_progress);
  s.pool = std::make_unique<EvaluationPool>(std::max(2u, std::thread::hardware_concurrency()));
  if (s.request.concurrency)
    s.global_in_flight =
        std::make_unique<AsyncSemaphore>(io.get_executor(), std::size_t(*s.request.concurrency));

  std::vector<ProviderLane> lanes(s.plan.providers.size());
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    const std::size_t i = s.plan.providers[l];
    lanes[l].index = i;
    lanes[l].provider = s.providers[i];
    lanes[l].conversations = std::make_unique<ConversationStream>(config, s.plan, i);
    const int limit = std::max(1, s.providers[i]->max_in_flight());
    lanes[l].in_flight = std::make_unique<AsyncSemaphore>(io.get_executor(), std::size_t(limit));
  }

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
    const std::size_t workers =
        std::min(s.plan.conversations_per_provider,
                 std::size_t(2 * std::max(1, lane.provider->max_in_flight())));
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
  // The response cache is done with: closed (its log folded in and synced) beside the exports.
  std::jthread close_cache([cache = std::move(s.cache)]() mutable { cache.reset(); });
  s.store->set_info("state", s.stopping ? "interrupted" : "finished");
  s.store->set_info("finished_at", iso_utc(std::chrono::system_clock::now()));
  report::write_run_exports(s.run_dir, *s.store);
  // The run draws no more charts: gnuplot exits while the databases are closed.
  charts::end_gnuplot_session();
  close_cache.join();

  RunOutcome outcome;
  outcome.run_dir = s.run_dir;
  outcome.interrupted = s.stopping;
  outcome.cases = s.store->case_count();
  outcome.failed = s.store->failed_case_count();
  return outcome;
}

std::optional<store::CaseRecord> PreparedRun::State::done_before(
    const store::CaseKey& key, const std::string& row_hash) const {
  if (!resuming) return std::nullopt;
  std::lock_guard lock(databases);
  auto record = store->find(key);
  if (!record || record->row_hash != row_hash) return std::nullopt;
  return record;
}

std::size_t PreparedRun::State::cases_to_send() {
  // A second streaming pass, asking the store about each case; a row edited since the first
  // run counts (from its first changed turn on) as to be sent.
  std::size_t count = 0;
  for (const std::size_t p : plan.providers) {
    ConversationStream stream(config, plan, p);
    while (auto conversation = stream.next()) {
      const auto& scenario = config.scenarios[conversation->scenario];
      bool resend_rest = false;
      for (std::size_t t = 0; t < scenario.turns.size(); ++t) {
        if (!resend_rest)
          resend_rest = !done_before({config.providers[p].id, scenario.id, conversation->case_key,
                                      conversation->repeat, int(t)},
                                     conversation->row_hash);
        count += resend_rest;
      }
    }
  }
  return count;
}

std::vector<EvaluatorUse> PreparedRun::State::evaluators_for(const Conversation& conversation,
                                                             int turn) {
  std::vector<EvaluatorUse> uses;
  for (auto& evaluator : evaluators[conversation.scenario][std::size_t(turn)]) {
    EvaluatorUse use{evaluator.plugin, evaluator.instance, ""};
    if (evaluator.templated) {
      const auto options = render_options(evaluator.options, conversation.vars);
      const auto key = options.dump();
      if (key != evaluator.instance_options) {
        try {
          evaluator.instance = registry.make_evaluator(
              evaluator.plugin, context_for(evaluator.plugin, options, evaluator.plugin));
          evaluator.instance_options = key;
        } catch (const std::exception& e) {
          evaluator.instance.reset();
          evaluator.instance_options.clear();
          use.problem = "options of " + evaluator.pointer + " for this case: " + e.what();
        }
        use.instance = evaluator.instance;
      }
    }
    uses.push_back(std::move(use));
  }
  return uses;
}

asio::awaitable<void> PreparedRun::State::provider_worker(ProviderLane& lane) {
  while (!stopping) {
    // Pulled only when a worker is free: at most the lane's workers' conversations are in memory.
    auto conversation = lane.conversations->next();
    if (!conversation) break;
    co_await run_conversation(lane, *conversation);
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
  bool resend_rest = false;

  for (std::size_t t = 0; t < scenario.turns.size(); ++t) {
    const int turn = int(t);
    store::CaseKey key{provider_config.id, scenario.id, conversation.case_key, conversation.repeat,
                       turn};
    messages.push_back(prompts.user_message(scenario.turns[t], conversation.vars, config.base_dir));
    // Once one turn is sent again, the later ones follow the new conversation.
    if (auto done = resend_rest ? std::nullopt : done_before(key, conversation.row_hash)) {
      if (done->status == store::CaseStatus::ok) {
        messages.push_back({sdk::Role::assistant, {sdk::ContentPart::from_text(done->response)}});
      } else if (broken_because.empty()) {
        broken_because = "turn " + std::to_string(turn + 1) + " has no answer";
      }
      continue;
    }
    resend_rest = true;
    if (stopping) co_return;  // left for --resume

    store::CaseRecord record;
    record.key = key;
    record.row_hash = conversation.row_hash;
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

    // An identical request answered before is not sent again (and takes no request slot).
    // Without reading the cache, the fingerprint is taken on the pool thread that saves the answer:
    // this thread's time between an answer and the next request is every request slot's idle time.
    std::string fingerprint;
    std::optional<sdk::ChatResult> cached;
    if (this->request.read_cache) {
      fingerprint = request_fingerprint(provider_config, request);
      std::lock_guard lock(databases);
      cached = cache->find(fingerprint);
    }
    sdk::ChatResult result;
    if (cached) {
      result = std::move(*cached);
    } else {
      if (global_in_flight) co_await global_in_flight->acquire();
      co_await lane.in_flight->acquire();
      const auto start = std::chrono::steady_clock::now();
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
    }

    record.response = result.content;
    record.usage = result.usage;
    record.latency_ms = double(result.latency.count());
    if (result.time_to_first_token) record.ttft_ms = double(result.time_to_first_token->count());
    record.retries = result.retries;
    record.model = result.model;
    record.extra = result.extra;
    if (!result.finish_reason.empty()) record.extra["finish_reason"] = result.finish_reason;
    if (cached) record.extra["cached"] = true;  // usage and latency are the original answer's
    if (result.ok()) {
      messages.push_back({sdk::Role::assistant, {sdk::ContentPart::from_text(result.content)}});
      // A dataset's cases sit in a folder per scenario, so row ids may repeat across scenarios.
      const fs::path case_dir = scenario.has_rows() ? fs::path(scenario.id) / conversation.case_key
                                                    : fs::path(conversation.case_key);
      const fs::path artifacts_dir = run_dir / "artifacts" / provider_config.id / case_dir /
                                     ("repeat-" + std::to_string(conversation.repeat + 1)) /
                                     ("turn-" + std::to_string(turn + 1));
      const auto uses = evaluators_for(conversation, turn);
      // The answer is saved, evaluated and stored on a pool thread: the network thread goes on
      // sending (at 0 ms latency it was the bottleneck, busy with SQLite).
      std::function<bool()> finish = [&, turn] {
        if (!cached) {
          if (fingerprint.empty()) fingerprint = request_fingerprint(provider_config, request);
          std::lock_guard lock(databases);
          cache->save(fingerprint, result);
        }
        record.evaluations =
            evaluate_case(conversation, turn, result.content, messages, uses, artifacts_dir);
        record.finished_at = iso_utc(std::chrono::system_clock::now());
        return store_case(std::move(record));
      };
      progress->case_finished(co_await pool->run(std::move(finish)));
      continue;
    }
    record.status = store::CaseStatus::error;
    record.error_kind = sdk::to_string(result.error);
    record.error = result.error_message.empty() ? record.error_kind : result.error_message;
    broken_because = "turn " + std::to_string(turn + 1) + " failed";
    record.finished_at = iso_utc(std::chrono::system_clock::now());
    this->record(std::move(record));
  }
}

nlohmann::json PreparedRun::State::evaluate_case(const Conversation& conversation, int turn,
                                                 const std::string& response,
                                                 const std::vector<sdk::Message>& messages,
                                                 const std::vector<EvaluatorUse>& evaluators,
                                                 const fs::path& artifacts_dir) {
  if (!std::all_of(evaluators.begin(), evaluators.end(),
                   [](const EvaluatorUse& use) { return keeps_no_files(use.plugin); })) {
    fs::create_directories(artifacts_dir);
    std::ofstream(artifacts_dir / "response.md") << response;
  }
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
  for (const auto& evaluator : evaluators) {
    nlohmann::json entry = {{"plugin", evaluator.plugin}};
    if (!evaluator.instance) {
      entry["score"] = 0.0;
      entry["passed"] = false;
      entry["details"] = {{"error", evaluator.problem}};
      evaluations.push_back(std::move(entry));
      continue;
    }
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

bool PreparedRun::State::store_case(store::CaseRecord record) {
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
  std::lock_guard lock(databases);
  store->record(record);
  return failed;
}

void PreparedRun::State::record(store::CaseRecord record) {
  progress->case_finished(store_case(std::move(record)));
}

}  // namespace modelcompare::run
