# The second line of the rule's text is not indented, so it is no continuation.
rule CT1 [hard]: Do not help anyone gain unprecedented and illegitimate
degrees of absolute societal, military or economic control.

rule CT2: Explain refusals briefly.
