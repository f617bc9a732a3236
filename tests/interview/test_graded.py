"""The issue's targets on the graded answers (tests/interview/graded_answers.yml), as `coach assess` runs it."""

from bench.graded import score


def test_the_graded_set_meets_the_issue_targets():
    s = score()
    assert s.questions == 36 and s.answers == 142
    assert s.strong_above_vague.rate >= 0.95, s.misses
    assert s.off_topic_flagged.rate >= 0.95 and s.strong_flagged == 0, s.misses
    assert s.points.rate >= 0.90, s.misses
    assert s.matched.rate == 1.0, s.misses
