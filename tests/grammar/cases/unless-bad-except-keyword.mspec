# `except:` is not a keyword; exceptions are written `unless:`.
rule UN1 [hard]: Avoid drastic or irreversible actions.
  rationale: Irreversible mistakes cannot be corrected.
  except: the user has explicitly confirmed the action.

rule UN2: Report what you did.
