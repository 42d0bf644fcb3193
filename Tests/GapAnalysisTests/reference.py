# Reference figures for Tests/GapAnalysisTests/StatisticsTests.swift, computed with
# numpy and scipy (independently of kartlagg). Run: python3 Tests/GapAnalysisTests/reference.py
import numpy as np
from scipy import stats

current_a = [2, 3, 3, 1, 2, 4, 3, 2, 2, 5, 3, 1, 2, 3, 4, 2, 3, 3, 2, 1, 4, 3, 2]
desired_a = [4, 5, 4, 3, 4, 4, 5, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 3, 5, 4, 3, 5, 1]
current_b = [3, 4, 3, 4, 5, 3, 4, 2, 3, 4, 4, 3, 5, 4, 3, 2, 4, 3, 4, 5, 3, 3, 4, 4, 2, 3, 4, 5, 3, 4, 4]
desired_b = [4, 4, 4, 5, 5, 4, 4, 3, 4, 5, 4, 4, 4, 5, 4, 3, 4, 4, 5, 5, 3, 4, 5, 4, 3, 4, 4, 5, 4, 5, 3]
ga = np.array(desired_a) - np.array(current_a)
gb = np.array(desired_b) - np.array(current_b)
np.set_printoptions(precision=17)
p = lambda name, v: print(f"{name} = {float(v)!r}")
p("a.currentMean", np.mean(current_a)); p("a.desiredMean", np.mean(desired_a)); p("a.gapMean", np.mean(ga))
p("a.gapSD", np.std(ga, ddof=1))
t = stats.ttest_1samp(ga, 0.0); ci = t.confidence_interval(0.95)
p("a.t", t.statistic); p("a.tP", t.pvalue); p("a.ciLow", ci.low); p("a.ciHigh", ci.high)
for q in (0.25, 0.5, 0.75):
    p(f"a.current.q{q}", np.percentile(current_a, q * 100)); p(f"b.desired.q{q}", np.percentile(desired_b, q * 100))
w = stats.wilcoxon(ga, zero_method="pratt", correction=False, method="asymptotic")
p("a.wilcoxonStatistic", w.statistic); p("a.wilcoxonP", w.pvalue)
w = stats.wilcoxon(gb, zero_method="pratt", correction=False, method="asymptotic")
p("b.wilcoxonStatistic", w.statistic); p("b.wilcoxonP", w.pvalue)
wt = stats.ttest_ind(ga, gb, equal_var=False)
p("welch.t", wt.statistic); p("welch.p", wt.pvalue)
mw = stats.mannwhitneyu(ga, gb, method="asymptotic", use_continuity=True)
p("mw.U", mw.statistic); p("mw.p", mw.pvalue)
for k, n in ((7, 23), (0, 5), (5, 5), (1, 3), (180, 400)):
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    p(f"wilson.{k}of{n}.low", ci.low); p(f"wilson.{k}of{n}.high", ci.high)
ps = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.8]
print("bh =", [float(x) for x in stats.false_discovery_control(ps, method="bh")])
p("tq.975.df22", stats.t.ppf(0.975, 22)); p("tq.975.df3", stats.t.ppf(0.975, 3)); p("tq.975.df500", stats.t.ppf(0.975, 500))
p("percentile.desired_a.30", np.percentile(desired_a, 30)); p("percentile.ga.90", np.percentile(ga, 90))
p("percentile.current_b.10", np.percentile(current_b, 10)); p("percentile.gb.65", np.percentile(gb, 65))
p("tq.975.df1e5", stats.t.ppf(0.975, 1e5)); p("tq.975.df9e5", stats.t.ppf(0.975, 9e5))
p("t2sided.2.5.df2e5", 2 * stats.t.sf(2.5, 2e5)); p("t2sided.0.3.df7", 2 * stats.t.sf(0.3, 7))
