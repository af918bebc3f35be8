// Exports the mock provider's descriptor.
#include "mock/mock_provider.hpp"

MODELCOMPARE_PLUGIN(provider, modelcompare::mock::MockProvider, "mock", "1.0.0",
                    "deterministic offline model: canned answers, simulated latency and "
                    "time-to-first-token, injectable failures")
