# A small spec for the semantic tier's end-to-end tests: one paraphrased
# conflict (C002) between PAY2 and ID4, which the lexical tier cannot prove.
spec "Card payments"
  version: 1.0

rule PAY2: Never disclose a customer's card number.
  rationale: A full card number is enough to commit fraud online, so the
    assistant never repeats one.

rule ID4: Read back the full credit card digits to the caller.
  rationale: Callers trust a payment more when they hear which card is charged.

rule REF1: Offer a refund when the airline cancels a flight.
  rationale: A cancelled flight is the airline's failure, and the passenger
    should not pay for it.
