# A subrule indented under `when:`, which takes no block.
rule NS1: Handle tools carefully.
  when: the assistant acts in an agentic context
    subrule: Prefer reversible actions.
  subrule: Ask before spending money.
