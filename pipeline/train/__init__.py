"""Building the in-domain NER: choosing releases, turning annotators' name lists into spans, training."""
