// The operations the explorer sends (as persisted queries: the hash first, the text only when the server
// does not know it yet).
import { gql } from '@urql/core';

export const SEARCH = gql`
  query ExplorerSearch($query: String!) {
    search(query: $query, first: 20) {
      edges {
        node {
          __typename
          ... on Actor { id name actorKind: kind description }
          ... on Event { id title eventKind: kind startsOn startsOnPrecision }
          ... on Article { id title publishedAt }
          ... on Statement { id text speaker { id name } }
        }
      }
    }
  }
`;

export const ACTOR = gql`
  query ExplorerActor($id: ID!, $bucket: DateBucket!) {
    actor(id: $id) {
      id
      name
      kind
      description
      aliases
      timeline(bucket: $bucket) {
        bucket
        undatedStatements
        undatedArticles
        points { period { start end precision } statements articles }
      }
      network(first: 15) {
        weight
        links { via weight }
        actor { id name kind }
      }
      statements(first: 20) {
        totalCount
        edges {
          node {
            id
            text
            kind
            saidOn
            saidOnPrecision
            article { id title url publishedAt publisher { id name } }
            relayedVia { id name }
            events { id title }
          }
        }
      }
    }
  }
`;

export const EVENT = gql`
  query ExplorerEvent($id: ID!, $bucket: DateBucket!) {
    event(id: $id) {
      id
      title
      kind
      status
      description
      startsOn
      startsOnPrecision
      location
      parent { id title }
      subEventsConnection(first: 50) { totalCount edges { node { id title startsOn startsOnPrecision } } }
      participantsConnection(first: 100) {
        totalCount
        edges { node { id role note actor { id name } represents { id name } } }
      }
      timeline(bucket: $bucket) {
        bucket
        undatedStatements
        undatedArticles
        points { period { start end precision } statements articles }
      }
      coverage { publisher { id name } articles statements firstPublishedAt lastPublishedAt }
    }
  }
`;
