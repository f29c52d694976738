"""QLoRA/LoRA fine-tuning of Mixtral on dataset versions built by `curation` (Aurora's setup)."""
