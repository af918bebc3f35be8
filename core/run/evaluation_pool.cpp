#include "run/evaluation_pool.hpp"

#include <algorithm>

namespace modelcompare::run {

EvaluationPool::EvaluationPool(unsigned threads) : pool_(std::max(1u, threads)) {}

EvaluationPool::~EvaluationPool() {
  pool_.join();
}

}  // namespace modelcompare::run
