"""Log-linear models against Rcapture's figures (MSE_SPEC §3.4.6)."""

from __future__ import annotations

import pytest

from yokuryu.estimate.loglinear import Model, fit_model, loglinear, profile_interval
from yokuryu.estimate.table import Table

KOSOVO_AIC_BEST = ((0, 1), (0, 2), (0, 3), (1, 2), (2, 3))  # [12, 13, 14, 23, 34]


def test_kosovo_main_effects_poisson_and_multinomial(kosovo: Table) -> None:
    fit = fit_model(kosovo, Model())
    assert fit is not None
    assert fit.n_hat == pytest.approx(7394.6, abs=0.05)
    multinomial, low, high = profile_interval(kosovo, fit)
    assert multinomial == pytest.approx(7392.9, abs=0.1)
    assert low < multinomial < high


def test_kosovo_interaction_model_matches_rcapture(kosovo: Table) -> None:
    fit = fit_model(kosovo, Model(KOSOVO_AIC_BEST))
    assert fit is not None
    assert fit.n_hat == pytest.approx(14_341.66, abs=0.01)
    assert fit.aic == pytest.approx(161.3176, abs=1e-4)


def test_aic_selection_on_kosovo_picks_that_model(kosovo: Table) -> None:
    e = loglinear(kosovo)
    assert e.median == pytest.approx(14_341.66, abs=0.01)
    assert (
        e.diagnostics["model"]
        == "main effects + EXH×ABA + EXH×OSCE + EXH×HRW + ABA×OSCE + OSCE×HRW"
    )
    assert e.lower < e.median < e.upper
    assert e.diagnostics["models_fitted"] == 2**6 + 3


def test_spina_bifida_with_one_interaction(spina_bifida: Table) -> None:
    fit = fit_model(spina_bifida, Model(((0, 1),)))
    assert fit is not None
    assert fit.n_hat == pytest.approx(730.93, abs=0.005)


def test_bic_prefers_a_model_no_larger_than_aic(kosovo: Table) -> None:
    aic, bic = loglinear(kosovo, "aic"), loglinear(kosovo, "bic")
    assert bic.diagnostics["model"].count("×") <= aic.diagnostics["model"].count("×")
    assert "bic" in bic.diagnostics


def test_heterogeneity_model_is_fitted_and_raises_the_estimate(kosovo: Table) -> None:
    plain = fit_model(kosovo, Model())
    darroch = fit_model(kosovo, Model((), "darroch"))
    assert plain is not None and darroch is not None
    # Heterogeneous capture hides the hard-to-list: the estimate rises.
    assert darroch.n_hat > plain.n_hat
