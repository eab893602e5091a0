import ResponsesTranslation
print("placeholder")
