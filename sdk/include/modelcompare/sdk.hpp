// Everything a plugin includes.
#pragma once

#include "modelcompare/sdk/abi.hpp"
#include "modelcompare/sdk/chat.hpp"
#include "modelcompare/sdk/base64.hpp"
#include "modelcompare/sdk/edit_distance.hpp"
#include "modelcompare/sdk/evaluation.hpp"
#include "modelcompare/sdk/evaluator.hpp"
#include "modelcompare/sdk/host_services.hpp"
#include "modelcompare/sdk/http.hpp"
#include "modelcompare/sdk/logger.hpp"
#include "modelcompare/sdk/metrics.hpp"
#include "modelcompare/sdk/plugin.hpp"
#include "modelcompare/sdk/prompt_template.hpp"
#include "modelcompare/sdk/provider.hpp"
#include "modelcompare/sdk/sandbox.hpp"
