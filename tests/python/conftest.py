"""Shared fixtures: the PHEindicatormethods oracle tables from tests/data/phe/.

The CSVs are read with the csv module (pandas is not needed to run the suite). An empty cell
or NA is a missing value (NaN).
"""

from __future__ import annotations

from typing import List

import pytest

from helpers import Row, read_phe


@pytest.fixture(scope="session")
def rate_rows() -> List[Row]:
    rows = read_phe("testdata_Rate__testdata_Rate.csv")
    assert len(rows) == 20
    return rows


@pytest.fixture(scope="session")
def rate_grouped_rows() -> List[Row]:
    rows = read_phe("testdata_Rate__testdata_Rate_g.csv")
    assert len(rows) == 12
    return rows


@pytest.fixture(scope="session")
def prop_rows() -> List[Row]:
    rows = read_phe("testdata_Proportion__testdata_Prop.csv")
    assert len(rows) == 19
    return rows


@pytest.fixture(scope="session")
def prop_grouped_rows() -> List[Row]:
    rows = read_phe("testdata_Proportion__testdata_Prop_g.csv")
    assert len(rows) == 11
    return rows


@pytest.fixture(scope="session")
def byars_wilson_rows() -> List[Row]:
    rows = read_phe("testdata_Byars_Wilson__testdata_B_W.csv")
    assert len(rows) == 13
    return rows
