"""dissonance diff: leads matched across runs by documents and overlapping spans, whichever end is the source."""

import pandas as pd
from typer.testing import CliRunner

from dissonance.cli import app
from dissonance.run_diff import diff_runs, flag_changes


def flag(fid, label, strength, score, src, tgt, incident="inc-1", indicator="wounds_head_neck_chest"):
    (sd, ss, se), (td, ts, te) = src, tgt
    return {"flag_id": fid, "incident_id": incident, "label": label, "strength": strength, "score": score,
            "indicator": indicator, "source_doc_id": sd, "source_start": ss, "source_end": se, "source_text": "claim",
            "target_doc_id": td, "target_start": ts, "target_end": te, "target_text": "finding"}


STATEMENT, AUTOPSY, NGO = "statement", "autopsy", "ngo"


def test_leads_are_matched_across_runs_despite_new_ids_shifted_offsets_and_swapped_ends():
    old = pd.DataFrame([
        flag("statement-c1~autopsy-f1", "contradicts", "moderate", 0.5, (STATEMENT, 10, 60), (AUTOPSY, 0, 80)),
        flag("statement-c2~autopsy-f1", "contradicts", "weak", 0.2, (STATEMENT, 70, 120), (AUTOPSY, 0, 80)),
        flag("statement-c1~ngo-c3", "contradicts", "weak", 0.3, (STATEMENT, 10, 60), (NGO, 5, 40), indicator="denied_claim"),
    ])
    new = pd.DataFrame([
        # the same claim read a few words longer by new models, now numbered c4; stronger now
        flag("statement-c4~autopsy-f1", "contradicts", "strong", 0.8, (STATEMENT, 10, 70), (AUTOPSY, 0, 80)),
        # the denial pair, now oriented from the NGO's claim
        flag("ngo-c3~statement-c4", "contradicts", "weak", 0.3, (NGO, 5, 40), (STATEMENT, 10, 70), indicator="denied_claim"),
        # a lead that did not exist
        flag("ngo-c3~autopsy-f1", "supports", "moderate", 0.6, (NGO, 5, 40), (AUTOPSY, 0, 80)),
    ])
    changes = flag_changes(old, new).set_index("flag_id_old", drop=False)
    assert changes.loc["statement-c1~autopsy-f1", "change"] == "stronger"
    assert changes.loc["statement-c1~autopsy-f1", "flag_id_new"] == "statement-c4~autopsy-f1"
    assert changes.loc["statement-c1~ngo-c3", "change"] == "same"
    assert changes.loc["statement-c2~autopsy-f1", "change"] == "gone"  # a claim no longer found
    fresh = changes[changes["change"] == "new"]
    assert list(fresh["flag_id_new"]) == ["ngo-c3~autopsy-f1"] and list(fresh["label"]) == ["supports"]


def _run(folder, flags, incidents, docs):
    folder.mkdir()
    pd.DataFrame(flags).to_parquet(folder / "flags.parquet", index=False)
    pd.DataFrame(incidents).to_parquet(folder / "incidents.parquet", index=False)
    pd.DataFrame({"doc_id": docs}).to_parquet(folder / "documents.parquet", index=False)
    return folder


def test_diff_command_lists_new_leads_and_documents_that_moved(tmp_path):
    lead = flag("statement-c1~autopsy-f1", "contradicts", "strong", 0.9, (STATEMENT, 10, 60), (AUTOPSY, 0, 80))
    old = _run(tmp_path / "old", [], [{"incident_id": "inc-1", "doc_ids": [STATEMENT]}],
               [STATEMENT, "carwash", None])
    new = _run(tmp_path / "new", [lead], [{"incident_id": "inc-1", "doc_ids": [STATEMENT, AUTOPSY]},
                                          {"incident_id": "inc-2", "doc_ids": ["carwash"]}], [STATEMENT, AUTOPSY, "carwash"])
    changes, moved = diff_runs(old, new)
    assert list(changes["change"]) == ["new"]
    assert moved.to_dict("records") == [{"doc_id": AUTOPSY, "incident_old": None, "incident_new": "inc-1"},
                                        {"doc_id": "carwash", "incident_old": None, "incident_new": "inc-2"}]
    out = tmp_path / "changes.csv"
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--out", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "1 new (1 contradicts)" in result.output and "document autopsy: (no incident) -> inc-1" in result.output
    assert "new strong 0.90 contradicts [wounds_head_neck_chest]" in result.output
    assert pd.read_csv(out)["change"].tolist() == ["new"]
    missing = CliRunner().invoke(app, ["diff", str(tmp_path), str(new)])
    assert missing.exit_code == 1 and "not a finished run folder" in missing.output
