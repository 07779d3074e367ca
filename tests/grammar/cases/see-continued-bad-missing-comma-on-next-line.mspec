# A comma is missing inside the continued part of the list.
rule SC1: Be honest with the user.
  see: SC2,
    SC3 SC4
  rationale: Trust depends on it.
