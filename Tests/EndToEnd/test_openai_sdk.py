"""The official `openai` Python SDK against ccmimolinkd: every streamed event parses into its typed
class, stored responses can be retrieved, and previous_response_id continues a conversation."""
import openai
from openai.types.responses import (
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseInProgressEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseReasoningSummaryPartAddedEvent,
    ResponseReasoningSummaryPartDoneEvent,
    ResponseReasoningSummaryTextDeltaEvent,
    ResponseReasoningSummaryTextDoneEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)

from conftest import E2E_KEY

TYPED = {
    "response.created": ResponseCreatedEvent,
    "response.in_progress": ResponseInProgressEvent,
    "response.output_item.added": ResponseOutputItemAddedEvent,
    "response.output_item.done": ResponseOutputItemDoneEvent,
    "response.content_part.added": ResponseContentPartAddedEvent,
    "response.content_part.done": ResponseContentPartDoneEvent,
    "response.output_text.delta": ResponseTextDeltaEvent,
    "response.output_text.done": ResponseTextDoneEvent,
    "response.reasoning_summary_part.added": ResponseReasoningSummaryPartAddedEvent,
    "response.reasoning_summary_part.done": ResponseReasoningSummaryPartDoneEvent,
    "response.reasoning_summary_text.delta": ResponseReasoningSummaryTextDeltaEvent,
    "response.reasoning_summary_text.done": ResponseReasoningSummaryTextDoneEvent,
    "response.completed": ResponseCompletedEvent,
}


def client(daemon):
    return openai.OpenAI(base_url=daemon.base_url, api_key=E2E_KEY, max_retries=0)


def test_stream_events_parse_into_typed_classes(daemon, sim):
    events = list(client(daemon).responses.create(model="mimo-v2.5", input="hello sdk", stream=True))
    assert events, "no events"
    for event in events:
        expected = TYPED.get(event.type)
        assert expected is not None, f"unexpected event type {event.type}"
        assert isinstance(event, expected), (event.type, type(event))
        # Strict validation, not just construction: every required field is present and well-typed.
        expected.model_validate(event.model_dump())
    numbers = [e.sequence_number for e in events]
    assert numbers == list(range(len(events)))
    completed = events[-1]
    assert isinstance(completed, ResponseCompletedEvent)
    assert completed.response.output_text == "Hello from the MiMo simulator."
    assert completed.response.usage.total_tokens > 0


def test_retrieve_and_previous_response_id(daemon, sim):
    c = client(daemon)
    first = c.responses.create(model="mimo-v2.5", input="question one")
    assert first.status == "completed"
    fetched = c.responses.retrieve(first.id)
    assert fetched.id == first.id and fetched.output_text == first.output_text

    second = c.responses.create(model="mimo-v2.5", input="and a follow-up", previous_response_id=first.id)
    assert second.status == "completed"
    messages = sim.requests()[-1]["body"]["messages"]
    texts = [m.get("content") for m in messages]
    assert texts == ["question one", first.output_text, "and a follow-up"], texts

    try:
        c.responses.create(model="mimo-v2.5", input="x", previous_response_id="resp_does_not_exist")
        raise AssertionError("expected a 404")
    except openai.NotFoundError as error:
        assert error.body["code"] == "response_not_found"
